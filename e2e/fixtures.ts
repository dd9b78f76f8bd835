/** Accounts the e2e global setup creates through the real CLI before the server starts. */
export const E2E_PORT = 8181;
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_PASSWORD = 'e2e browser passphrase';
/** Where the global setup's SMTP server writes each mail it receives (one .eml file per message). */
export const E2E_MAIL_SPOOL = 'var/e2e-mail';

export const E2E_ACCOUNTS = {
  managerEn: { email: 'manager.en@e2e.pocdir.example', role: 'directory_manager', name: 'Manager EN' },
  managerAr: { email: 'manager.ar@e2e.pocdir.example', role: 'directory_manager', name: 'مديرة الدليل' },
  managerZh: { email: 'manager.zh@e2e.pocdir.example', role: 'directory_manager', name: '名录管理员' },
  authorityGh: {
    email: 'authority.gh@e2e.pocdir.example',
    role: 'national_authority',
    name: 'Akosua Asante',
    state: '288',
  },
  auditor: { email: 'auditor@e2e.pocdir.example', role: 'auditor', name: 'Auditor' },
  authorityEg: {
    email: 'authority.eg@e2e.pocdir.example',
    role: 'national_authority',
    name: 'Nadia Farouk',
    state: '818',
  },
  // Only the security spec signs in as this authority, so its first sign-in is the authenticator set-up.
  authorityKe: {
    email: 'authority.ke@e2e.pocdir.example',
    role: 'national_authority',
    name: 'Wanjiru Kamau',
    state: '404',
  },
  // A Kenyan colleague of authorityKe, whose lost second factor the security spec resets.
  authorityKeColleague: {
    email: 'authority2.ke@e2e.pocdir.example',
    role: 'national_authority',
    name: 'Otieno Mwangi',
    state: '404',
  },
  pocGh: { email: 'poc.gh@e2e.pocdir.example', role: 'point_of_contact', name: 'Yaw Boateng', state: '288' },
  pocEg: { email: 'poc.eg@e2e.pocdir.example', role: 'point_of_contact', name: 'سلمى عبد الله', state: '818' },
} as const;

export const CHROMIUM_LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};
