import * as openpgp from 'openpgp';
import type { PocKind, SlotRole } from '../../common/directory.ts';
import type { EntryDetails, NominationRequest } from '../../common/schemas/directory.ts';
import type { SystemActor } from '../auth/actor.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { applyNomination } from '../modules/directory/apply-nomination.ts';
import { updateEntry } from '../modules/directory/directory.repository.ts';
import { updateNomination } from '../modules/directory/nominations.repository.ts';
import { checkNominationRequest, insertCheckedNomination } from '../modules/directory/nominations.service.ts';

const DEMO_ACTOR: SystemActor = { kind: 'system', label: 'demo-seed' };
const DAY_MS = 24 * 60 * 60 * 1000;

interface DemoEntry {
  state: string;
  kind: PocKind;
  slot?: SlotRole;
  native: string;
  latin: string;
  fn: string;
  org: string;
  email: string;
  phone: string;
  /** A personal mobile, visible only to the manager and the same State. */
  mobile?: string;
  languages: string[];
  zone: string;
  h24?: boolean;
  withKey?: boolean;
  /** Days since last confirmed; past the cadence makes the entry stale. */
  confirmedDaysAgo?: number;
}

// A dozen States across the five regional groups, names in their own scripts.
const ENTRIES: DemoEntry[] = [
  {
    state: '288',
    kind: 'diplomatic',
    native: 'Akosua Asante',
    latin: 'Akosua Asante',
    fn: 'Director, Multilateral Affairs',
    org: 'Ministry of Foreign Affairs and Regional Integration',
    email: 'a.asante@mfa.gh.example',
    phone: '+233 30 266 4951',
    languages: ['en'],
    zone: 'Africa/Accra',
    confirmedDaysAgo: 400,
  },
  {
    state: '288',
    kind: 'technical',
    native: 'Kwesi Ofori',
    latin: 'Kwesi Ofori',
    fn: 'Head, National CERT',
    org: 'Cyber Security Authority (CERT-GH)',
    email: 'k.ofori@cert.gh.example',
    phone: '+233 30 297 2530',
    mobile: '+233 24 400 1122',
    languages: ['en', 'fr'],
    zone: 'Africa/Accra',
    h24: true,
    withKey: true,
  },
  {
    state: '818',
    kind: 'diplomatic',
    native: 'مريم عبد الله',
    latin: 'Mariam Abdallah',
    fn: 'مستشار، إدارة نزع السلاح',
    org: 'وزارة الخارجية',
    email: 'm.abdallah@mfa.eg.example',
    phone: '+20 2 2574 9820',
    languages: ['ar', 'en'],
    zone: 'Africa/Cairo',
  },
  {
    state: '818',
    kind: 'technical',
    native: 'أحمد مصطفى',
    latin: 'Ahmed Moustafa',
    fn: 'مدير فريق الاستجابة',
    org: 'EG-CERT',
    email: 'a.moustafa@egcert.example',
    phone: '+20 2 3534 5010',
    languages: ['ar'],
    zone: 'Africa/Cairo',
    h24: true,
    withKey: true,
  },
  {
    state: '404',
    kind: 'technical',
    native: 'Wanjiru Kamau',
    latin: 'Wanjiru Kamau',
    fn: 'Incident Response Lead',
    org: 'National KE-CIRT/CC',
    email: 'w.kamau@ke-cirt.example',
    phone: '+254 20 424 2000',
    languages: ['en', 'sw'],
    zone: 'Africa/Nairobi',
  },
  {
    state: '156',
    kind: 'diplomatic',
    native: '李明',
    latin: 'Li Ming',
    fn: '网络事务协调员',
    org: '外交部',
    email: 'li.ming@mfa.cn.example',
    phone: '+86 10 6596 1114',
    languages: ['zh', 'en'],
    zone: 'Asia/Shanghai',
  },
  {
    state: '156',
    kind: 'technical',
    native: '张华',
    latin: 'Zhang Hua',
    fn: '应急响应中心主任',
    org: 'CNCERT/CC',
    email: 'zhang.hua@cncert.example',
    phone: '+86 10 8299 0999',
    languages: ['zh'],
    zone: 'Asia/Shanghai',
    h24: true,
  },
  {
    state: '398',
    kind: 'diplomatic',
    native: 'Айгуль Нурланова',
    latin: 'Aigul Nurlanova',
    fn: 'Советник',
    org: 'Министерство иностранных дел',
    email: 'a.nurlanova@mfa.kz.example',
    phone: '+7 7172 72 0518',
    languages: ['ru', 'kk'],
    zone: 'Asia/Almaty',
  },
  {
    state: '398',
    kind: 'technical',
    native: 'Ержан Касымов',
    latin: 'Yerzhan Kassymov',
    fn: 'Руководитель KZ-CERT',
    org: 'KZ-CERT',
    email: 'y.kassymov@kzcert.example',
    phone: '+7 7172 55 9999',
    languages: ['ru', 'kk', 'en'],
    zone: 'Asia/Almaty',
    h24: true,
  },
  {
    state: '360',
    kind: 'technical',
    native: 'Dewi Lestari',
    latin: 'Dewi Lestari',
    fn: 'Koordinator Insiden',
    org: 'BSSN / ID-SIRTII',
    email: 'd.lestari@bssn.example',
    phone: '+62 21 7883 3610',
    languages: ['id', 'en'],
    zone: 'Asia/Jakarta',
  },
  {
    state: '616',
    kind: 'diplomatic',
    native: 'Katarzyna Wiśniewska',
    latin: 'Katarzyna Wisniewska',
    fn: 'Radca, Departament Polityki Bezpieczeństwa',
    org: 'Ministerstwo Spraw Zagranicznych',
    email: 'k.wisniewska@msz.pl.example',
    phone: '+48 22 523 9000',
    languages: ['pl', 'en'],
    zone: 'Europe/Warsaw',
  },
  {
    state: '616',
    kind: 'technical',
    native: 'Paweł Zieliński',
    latin: 'Pawel Zielinski',
    fn: 'Kierownik zespołu',
    org: 'CERT Polska',
    email: 'p.zielinski@cert.pl.example',
    phone: '+48 22 380 8274',
    languages: ['pl', 'en'],
    zone: 'Europe/Warsaw',
    withKey: true,
  },
  {
    state: '233',
    kind: 'cybercrime_24_7',
    native: 'Mart Tamm',
    latin: 'Mart Tamm',
    fn: 'Cybercrime Bureau duty officer',
    org: 'Police and Border Guard Board',
    email: 'duty@cybercrime.ee.example',
    phone: '+372 612 3000',
    languages: ['et', 'en', 'ru'],
    zone: 'Europe/Tallinn',
    h24: true,
  },
  {
    state: '076',
    kind: 'diplomatic',
    native: 'Ana Souza',
    latin: 'Ana Souza',
    fn: 'Conselheira, Divisão de Segurança Cibernética',
    org: 'Ministério das Relações Exteriores',
    email: 'ana.souza@itamaraty.example',
    phone: '+55 61 2030 6000',
    languages: ['pt', 'es', 'en'],
    zone: 'America/Sao_Paulo',
    confirmedDaysAgo: 380,
  },
  {
    state: '076',
    kind: 'technical',
    native: 'João Pereira',
    latin: 'Joao Pereira',
    fn: 'Coordenador',
    org: 'CTIR Gov',
    email: 'joao.pereira@ctir.example',
    phone: '+55 61 3411 3400',
    languages: ['pt'],
    zone: 'America/Sao_Paulo',
  },
  {
    state: '484',
    kind: 'central_authority_mla',
    native: 'Lucía Hernández',
    latin: 'Lucia Hernandez',
    fn: 'Directora de Asistencia Jurídica Internacional',
    org: 'Fiscalía General de la República',
    email: 'l.hernandez@fgr.mx.example',
    phone: '+52 55 5346 0000',
    languages: ['es'],
    zone: 'America/Mexico_City',
  },
  {
    state: '250',
    kind: 'diplomatic',
    native: 'Claire Martin',
    latin: 'Claire Martin',
    fn: 'Ambassadrice pour le numérique (adjointe)',
    org: 'Ministère de l’Europe et des Affaires étrangères',
    email: 'c.martin@diplomatie.fr.example',
    phone: '+33 1 43 17 53 53',
    languages: ['fr', 'en'],
    zone: 'Europe/Paris',
  },
  {
    state: '250',
    kind: 'technical',
    native: 'Luc Bernard',
    latin: 'Luc Bernard',
    fn: 'Chef du CERT-FR',
    org: 'ANSSI / CERT-FR',
    email: 'l.bernard@cert.fr.example',
    phone: '+33 1 71 75 84 68',
    mobile: '+33 6 12 34 56 78',
    languages: ['fr', 'en'],
    zone: 'Europe/Paris',
    h24: true,
    withKey: true,
  },
  {
    state: '250',
    kind: 'technical',
    slot: 'alternate',
    native: 'Sophie Laurent',
    latin: 'Sophie Laurent',
    fn: 'Adjointe, centre opérationnel',
    org: 'ANSSI / CERT-FR',
    email: 's.laurent@cert.fr.example',
    phone: '+33 1 71 75 84 00',
    languages: ['fr', 'en', 'es'],
    zone: 'Europe/Paris',
  },
  {
    state: '124',
    kind: 'technical',
    native: 'Émilie Tremblay',
    latin: 'Emilie Tremblay',
    fn: 'Manager, Incident Coordination',
    org: 'Canadian Centre for Cyber Security',
    email: 'e.tremblay@cyber.gc.example',
    phone: '+1 613 949 7048',
    languages: ['en', 'fr'],
    zone: 'America/Toronto',
    h24: true,
  },
];

function detailsOf(entry: DemoEntry, key: string | undefined): EntryDetails {
  return {
    kind: entry.kind,
    slotRole: entry.slot ?? 'primary',
    available247: entry.h24 ?? false,
    nameNative: entry.native,
    nameLatin: entry.latin,
    function: entry.fn,
    organisation: entry.org,
    emails: [entry.email],
    phones: [
      { number: entry.phone, label: 'office', available247: entry.h24 ?? false, visibility: 'directory' },
      ...(entry.mobile
        ? [{ number: entry.mobile, label: 'mobile', available247: true, visibility: 'restricted' as const }]
        : []),
    ],
    secureChannels: [],
    ...(key ? { pgpPublicKey: key } : {}),
    workingLanguages: entry.languages,
    timeZone: entry.zone,
    availabilityHours: entry.h24 ? '24/7' : 'Mon–Fri 09:00–17:00',
    mandate:
      entry.kind === 'diplomatic'
        ? 'Policy-level contact; may speak for the ministry on de-escalation.'
        : 'May exchange technical information and coordinate incident response.',
  };
}

async function demoKey(entry: DemoEntry, now: Date): Promise<string> {
  const { publicKey } = await openpgp.generateKey({
    // Made before the nomination it comes with, as a real key would be.
    date: new Date(now.getTime() - 90 * DAY_MS),
    type: 'curve25519',
    userIDs: [{ name: entry.latin, email: entry.email }],
    keyExpirationTime: 2 * 365 * 24 * 3600,
    format: 'armored',
  });
  return publicKey;
}

function noteVerbale(now: Date, daysAgo: number): Pick<NominationRequest, 'noteVerbaleRef' | 'noteVerbaleDate'> {
  return {
    noteVerbaleRef: `NV/${Math.floor(daysAgo * 7.3) + 100}/2026`,
    noteVerbaleDate: new Date(now.getTime() - daysAgo * DAY_MS).toISOString().slice(0, 10),
  };
}

async function seedEntry(db: Db, config: Config, entry: DemoEntry, now: Date): Promise<void> {
  const key = entry.withKey ? await demoKey(entry, now) : undefined;
  const request: NominationRequest = {
    type: 'new',
    stateM49: entry.state,
    details: detailsOf(entry, key),
    ...noteVerbale(now, 60),
  };
  const checked = await checkNominationRequest(request, now, config);
  await db.transaction(async (tx) => {
    const submitted = new Date(now.getTime() - 50 * DAY_MS);
    const row = await insertCheckedNomination(
      tx,
      DEMO_ACTOR,
      { ...request, stateM49: entry.state },
      checked,
      null,
      submitted,
    );
    const decided = await updateNomination(tx, row.id, {
      status: 'completed',
      decidedByLabel: 'demo-seed',
      decidedAt: submitted,
      completedAt: submitted,
    });
    const created = await applyNomination(tx, DEMO_ACTOR, decided, submitted);
    await updateNomination(tx, row.id, { resultingEntryId: created.id });
    if (entry.confirmedDaysAgo !== undefined) {
      const confirmed = new Date(now.getTime() - entry.confirmedDaysAgo * DAY_MS);
      await updateEntry(tx, created.id, { lastConfirmedAt: confirmed, lastVerifiedAt: confirmed });
    }
  });
}

/**
 * Demo directory: entries for a dozen States in all five regional groups (two of them stale),
 * and a pending nomination from Ghana, so a newcomer sees every part of the workflow.
 * Goes through the same checks and apply step as real nominations; sends no mail.
 */
export async function seedDemoDirectory(db: Db, config: Config, now = new Date()): Promise<void> {
  for (const entry of ENTRIES) await seedEntry(db, config, entry, now);
  const pending: NominationRequest = {
    type: 'new',
    stateM49: '288',
    details: detailsOf(
      {
        state: '288',
        kind: 'technical',
        slot: 'alternate',
        native: 'Efua Owusu',
        latin: 'Efua Owusu',
        fn: 'Senior Analyst',
        org: 'Cyber Security Authority (CERT-GH)',
        email: 'e.owusu@cert.gh.example',
        phone: '+233 30 297 2531',
        languages: ['en'],
        zone: 'Africa/Accra',
      },
      undefined,
    ),
    ...noteVerbale(now, 3),
  };
  const checked = await checkNominationRequest(pending, now, config);
  await db.transaction((tx) =>
    insertCheckedNomination(
      tx,
      DEMO_ACTOR,
      { ...pending, stateM49: '288' },
      checked,
      null,
      new Date(now.getTime() - 2 * DAY_MS),
    ),
  );
}
