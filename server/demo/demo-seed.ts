import crypto from 'node:crypto';
import type { Role } from '../../common/roles.ts';
import type { SystemActor } from '../auth/actor.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { countAccounts } from '../modules/accounts/accounts.repository.ts';
import { createAccount } from '../modules/accounts/accounts.service.ts';
import { seedDemoCommunications } from './demo-communications.ts';
import { seedDemoDirectory } from './demo-directory.ts';
import { seedDemoPingTests } from './demo-ping-tests.ts';

const DEMO_ACTOR: SystemActor = { kind: 'system', label: 'demo-seed' };

interface DemoAccount {
  email: string;
  displayName: string;
  role: Role;
  stateM49?: string;
  locale: 'ar' | 'zh' | 'en' | 'fr' | 'ru' | 'es';
}

// One account per role, national authorities across several regional groups.
const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'manager@demo.pocdir.example',
    displayName: 'Directory Manager (demo)',
    role: 'directory_manager',
    locale: 'en',
  },
  { email: 'auditor@demo.pocdir.example', displayName: 'Auditor (demo)', role: 'auditor', locale: 'en' },
  {
    email: 'authority.gh@demo.pocdir.example',
    displayName: 'Ama Mensah',
    role: 'national_authority',
    stateM49: '288',
    locale: 'en',
  },
  {
    email: 'poc.gh@demo.pocdir.example',
    displayName: 'Kofi Boateng',
    role: 'point_of_contact',
    stateM49: '288',
    locale: 'en',
  },
  {
    email: 'authority.eg@demo.pocdir.example',
    displayName: 'ليلى حسن',
    role: 'national_authority',
    stateM49: '818',
    locale: 'ar',
  },
  {
    email: 'authority.br@demo.pocdir.example',
    displayName: 'Ana Souza',
    role: 'national_authority',
    stateM49: '076',
    locale: 'es',
  },
  {
    email: 'authority.fr@demo.pocdir.example',
    displayName: 'Claire Martin',
    role: 'national_authority',
    stateM49: '250',
    locale: 'fr',
  },
  {
    email: 'authority.kz@demo.pocdir.example',
    displayName: 'Айгерим Серикова',
    role: 'national_authority',
    stateM49: '398',
    locale: 'ru',
  },
  {
    email: 'authority.cn@demo.pocdir.example',
    displayName: '王伟',
    role: 'national_authority',
    stateM49: '156',
    locale: 'zh',
  },
];

export interface DemoLogin {
  email: string;
  password: string;
  role: Role;
  stateM49: string | null;
}

/**
 * Seeds demo accounts and the demo directory into an empty database and returns their logins, which exist nowhere
 * else: the caller prints them once. Refuses a database that already has accounts.
 */
export async function seedDemo(db: Db, config: Config): Promise<DemoLogin[]> {
  if ((await countAccounts(db)) > 0) throw new AppError('DATABASE_NOT_EMPTY');
  const logins: DemoLogin[] = [];
  for (const demo of DEMO_ACCOUNTS) {
    const password = `demo-${crypto.randomBytes(9).toString('base64url')}`;
    const { account } = await createAccount(db, DEMO_ACTOR, demo, null, { password });
    logins.push({ email: account.email, password, role: account.role, stateM49: account.stateM49 });
  }
  await seedDemoDirectory(db, config);
  await seedDemoCommunications(db, config);
  await seedDemoPingTests(db, config);
  return logins;
}

export function formatDemoLogins(logins: DemoLogin[]): string {
  const width = Math.max(...logins.map((l) => l.email.length));
  const lines = logins.map(
    (l) => `  ${l.email.padEnd(width)}  ${l.password}  ${l.role}${l.stateM49 ? ` (State ${l.stateM49})` : ''}`,
  );
  return [
    'Demo data seeded. These logins are shown only now; keep them:',
    ...lines,
    'Directory managers and national authorities set up an authenticator app (TOTP) at their first sign-in:',
    'scan the QR code with any authenticator app, or type its secret into `oathtool --totp -b SECRET`.',
    '',
  ].join('\n');
}
