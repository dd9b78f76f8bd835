import { Type, type Static } from 'typebox';
import {
  ENTRY_STATUSES,
  EXPORT_FORMATS,
  FIELD_VISIBILITIES,
  KEY_STATUSES,
  NOMINATION_STATUSES,
  NOMINATION_TYPES,
  POC_KINDS,
  SLOT_ROLES,
} from '../directory.ts';
import { ZFreeText, ZLine, ZLocale, ZM49, ZRegionalGroup, ZTimestamp, ZUuid } from './shared.ts';

export const ZPocKind = Type.Enum(POC_KINDS);
export const ZSlotRole = Type.Enum(SLOT_ROLES);
export const ZEntryStatus = Type.Enum(ENTRY_STATUSES);
export const ZFieldVisibility = Type.Enum(FIELD_VISIBILITIES);
export const ZNominationType = Type.Enum(NOMINATION_TYPES);
export const ZNominationStatus = Type.Enum(NOMINATION_STATUSES);
export const ZExportFormat = Type.Enum(EXPORT_FORMATS);
export const ZKeyStatus = Type.Enum(KEY_STATUSES);

const ZDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'Calendar date, YYYY-MM-DD' });
const ZText = (maxLength: number) => ZLine({ minLength: 1, maxLength });

export const ZPhone = Type.Object(
  {
    number: Type.String({ pattern: '^\\+[0-9][0-9 ()-]{5,24}$', description: 'International format, +<digits>' }),
    label: Type.Optional(ZLine({ maxLength: 60 })),
    available247: Type.Boolean(),
    visibility: ZFieldVisibility,
  },
  { additionalProperties: false },
);
export type Phone = Static<typeof ZPhone>;

export const ZSecureChannel = Type.Object(
  {
    channel: ZText(60),
    address: ZText(300),
    visibility: ZFieldVisibility,
  },
  { additionalProperties: false, description: 'Another secure channel, e.g. a secure portal, Signal or Threema' },
);
export type SecureChannel = Static<typeof ZSecureChannel>;

/** Everything a national authority states about a point of contact; versioned as a whole. */
export const ZEntryDetails = Type.Object(
  {
    kind: ZPocKind,
    slotRole: ZSlotRole,
    available247: Type.Boolean(),
    nameNative: ZText(200),
    nameLatin: ZText(200),
    function: ZText(200),
    organisation: ZText(300),
    emails: Type.Array(Type.String({ format: 'email', maxLength: 254 }), { minItems: 1, maxItems: 5 }),
    phones: Type.Array(ZPhone, { maxItems: 6 }),
    secureChannels: Type.Array(ZSecureChannel, { maxItems: 6 }),
    pgpPublicKey: Type.Optional(
      ZFreeText({ minLength: 1, maxLength: 20000, description: 'ASCII-armoured OpenPGP public key' }),
    ),
    workingLanguages: Type.Array(
      Type.String({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$', description: 'BCP 47 tag' }),
      { minItems: 1, maxItems: 10 },
    ),
    timeZone: ZLine({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Africa/Accra' }),
    availabilityHours: ZFreeText({ maxLength: 200, description: 'e.g. Mon–Fri 08:00–17:00; 24/7 when flagged' }),
    mandate: ZFreeText({ maxLength: 2000, description: 'What this contact may decide' }),
  },
  { additionalProperties: false },
);
export type EntryDetails = Static<typeof ZEntryDetails>;

export const ZKeyInfo = Type.Object({
  fingerprint: Type.String(),
  expiresAt: Type.Union([ZTimestamp, Type.Null()]),
  status: ZKeyStatus,
  armored: Type.String(),
});
export type KeyInfo = Static<typeof ZKeyInfo>;

/** An entry as presented to the caller: restricted phones and channels only to its State and the manager. */
export const ZDirectoryEntry = Type.Object({
  id: ZUuid,
  stateM49: ZM49,
  status: ZEntryStatus,
  version: Type.Integer(),
  kind: ZPocKind,
  slotRole: ZSlotRole,
  available247: Type.Boolean(),
  nameNative: Type.String(),
  nameLatin: Type.String(),
  function: Type.String(),
  organisation: Type.String(),
  emails: Type.Array(Type.String()),
  phones: Type.Array(ZPhone),
  secureChannels: Type.Array(ZSecureChannel),
  key: Type.Union([ZKeyInfo, Type.Null()]),
  workingLanguages: Type.Array(Type.String()),
  timeZone: Type.String(),
  availabilityHours: Type.String(),
  mandate: Type.String(),
  lastVerifiedAt: ZTimestamp,
  lastConfirmedAt: ZTimestamp,
  confirmationDueAt: ZTimestamp,
  stale: Type.Boolean(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
  retiredAt: Type.Union([ZTimestamp, Type.Null()]),
  pseudonymisedAt: Type.Union([ZTimestamp, Type.Null()], {
    description: "When the retired contact's personal data was replaced by pseudonyms, at its State's request",
  }),
  /** What the caller may do with this entry, so the UI never re-implements the rules. */
  abilities: Type.Object({
    confirm: Type.Boolean(),
    nominateChange: Type.Boolean(),
    pseudonymise: Type.Boolean(),
  }),
});
export type DirectoryEntry = Static<typeof ZDirectoryEntry>;

/** Pseudonymising a retired entry; the body may be `{}`. */
export const ZPseudonymiseRequest = Type.Object(
  {
    pseudonymiseAccount: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          "Also pseudonymise, disable and sign out an enabled account of the State with the contact's e-mail (a disabled one always is)",
      }),
    ),
  },
  { additionalProperties: false },
);
export type PseudonymiseRequest = Static<typeof ZPseudonymiseRequest>;

export const ZEntryVersion = Type.Object({
  version: Type.Integer(),
  change: Type.Enum(['created', 'updated', 'replaced', 'retired', 'pseudonymised']),
  status: ZEntryStatus,
  changedAt: ZTimestamp,
  changedBy: Type.String({ description: 'Who made the change (e-mail, or cli/system)' }),
  nominationId: Type.Union([ZUuid, Type.Null()]),
  entry: ZDirectoryEntry,
});
export type EntryVersion = Static<typeof ZEntryVersion>;

export const ZEntryWithHistory = Type.Object({ entry: ZDirectoryEntry, history: Type.Array(ZEntryVersion) });

export const ZEntryListQuery = Type.Object(
  {
    q: Type.Optional(ZLine({ maxLength: 200, description: 'Free text over names and organisations' })),
    stateM49: Type.Optional(ZM49),
    group: Type.Optional(ZRegionalGroup),
    kind: Type.Optional(ZPocKind),
    language: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2,3}$', description: 'Primary language subtag' })),
    available247: Type.Optional(Type.Boolean()),
    stale: Type.Optional(Type.Boolean()),
    includeRetired: Type.Optional(Type.Boolean({ default: false })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
export type EntryListQuery = Static<typeof ZEntryListQuery>;

export const ZEntryList = Type.Object({ items: Type.Array(ZDirectoryEntry), total: Type.Integer() });

export const ZEntryParams = Type.Object({ id: ZUuid });

export const ZExportQuery = Type.Object(
  {
    format: ZExportFormat,
    stateM49: Type.Optional(ZM49),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ZExportQuery>;

const ZNoteVerbale = {
  noteVerbaleRef: ZText(100),
  noteVerbaleDate: ZDate,
};

/** A nomination as submitted by a national authority. */
export const ZNominationRequest = Type.Object(
  {
    type: ZNominationType,
    stateM49: Type.Optional(ZM49),
    targetEntryId: Type.Optional(ZUuid),
    details: Type.Optional(ZEntryDetails),
    reason: Type.Optional(ZFreeText({ maxLength: 1000 })),
    ...ZNoteVerbale,
  },
  { additionalProperties: false },
);
export type NominationRequest = Static<typeof ZNominationRequest>;

export const ZNominationDocument = Type.Object({
  sha256: Type.String(),
  sizeBytes: Type.Integer(),
  fileName: Type.String(),
  uploadedAt: ZTimestamp,
});

export const ZNomination = Type.Object({
  id: ZUuid,
  stateM49: ZM49,
  type: ZNominationType,
  status: ZNominationStatus,
  targetEntryId: Type.Union([ZUuid, Type.Null()]),
  resultingEntryId: Type.Union([ZUuid, Type.Null()]),
  details: Type.Union([ZEntryDetails, Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  noteVerbaleRef: Type.String(),
  noteVerbaleDate: ZDate,
  document: Type.Union([ZNominationDocument, Type.Null()]),
  submittedBy: Type.String(),
  submittedAt: ZTimestamp,
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([ZTimestamp, Type.Null()]),
  rejectionReason: Type.Union([Type.String(), Type.Null()]),
  acceptanceExpiresAt: Type.Union([ZTimestamp, Type.Null()]),
  completedAt: Type.Union([ZTimestamp, Type.Null()]),
  abilities: Type.Object({
    approve: Type.Boolean(),
    reject: Type.Boolean(),
    withdraw: Type.Boolean(),
    resend: Type.Boolean(),
  }),
});
export type Nomination = Static<typeof ZNomination>;

export const ZNominationList = Type.Object({ items: Type.Array(ZNomination) });

export const ZNominationListQuery = Type.Object(
  {
    status: Type.Optional(ZNominationStatus),
    stateM49: Type.Optional(ZM49),
    open: Type.Optional(Type.Boolean({ description: 'Only nominations still waiting for someone' })),
  },
  { additionalProperties: false },
);
export type NominationListQuery = Static<typeof ZNominationListQuery>;

export const ZNominationParams = Type.Object({ id: ZUuid });

export const ZRejectRequest = Type.Object(
  { reason: ZFreeText({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);

/** The single-use token from the acceptance e-mail; sent in the body, never in a URL. */
export const ZAcceptanceRequest = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 100 }) },
  { additionalProperties: false },
);

export const ZAcceptancePreview = Type.Object({
  stateM49: ZM49,
  kind: ZPocKind,
  slotRole: ZSlotRole,
  nameLatin: Type.String(),
  nameNative: Type.String(),
  organisation: Type.String(),
  expiresAt: ZTimestamp,
  locale: ZLocale,
});

export const ZAcceptanceResult = Type.Object({ entryId: ZUuid, stateM49: ZM49 });

export const ZImportResult = Type.Object({ created: Type.Integer(), nominationIds: Type.Array(ZUuid) });

export const ZImportRowError = Type.Object({
  row: Type.Integer({ description: '1-based data row number (the header is row 0)' }),
  field: Type.String(),
  reason: Type.String(),
});
export type ImportRowError = Static<typeof ZImportRowError>;

export const ZCoverage = Type.Object({
  totals: Type.Object({
    states: Type.Integer(),
    participating: Type.Integer(),
    activeEntries: Type.Integer(),
    staleEntries: Type.Integer(),
    pendingNominations: Type.Integer(),
  }),
  byGroup: Type.Array(
    Type.Object({
      group: ZRegionalGroup,
      states: Type.Integer(),
      participating: Type.Integer(),
      withDiplomatic: Type.Integer(),
      withTechnical: Type.Integer(),
    }),
  ),
  /** Participating States missing a diplomatic or a technical point of contact. */
  gaps: Type.Array(
    Type.Object({ stateM49: ZM49, missingDiplomatic: Type.Boolean(), missingTechnical: Type.Boolean() }),
  ),
  stale: Type.Array(
    Type.Object({
      entryId: ZUuid,
      stateM49: ZM49,
      kind: ZPocKind,
      nameLatin: Type.String(),
      lastConfirmedAt: ZTimestamp,
      confirmationDueAt: ZTimestamp,
    }),
  ),
  pending: Type.Array(
    Type.Object({
      nominationId: ZUuid,
      stateM49: ZM49,
      type: ZNominationType,
      status: ZNominationStatus,
      submittedAt: ZTimestamp,
    }),
  ),
});
export type Coverage = Static<typeof ZCoverage>;
