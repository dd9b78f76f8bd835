import type {
  FieldVisibility,
  KeyStatus,
  NominationStatus,
  NominationType,
  PocKind,
  SlotRole,
} from '../../../common/directory.ts';
import type { EntryVersion } from '../../../common/schemas/directory.ts';

/** Message keys built from the directory's enums; the type check proves each exists in the catalogues. */
export const kindKey = (kind: PocKind) => `directory.kind.${kind}` as const;
export const slotKey = (slot: SlotRole) => `directory.slot.${slot}` as const;
export const visibilityKey = (visibility: FieldVisibility) => `directory.visibility.${visibility}` as const;
export const keyStatusKey = (status: KeyStatus) => `directory.keyStatus.${status}` as const;
export const changeKey = (change: EntryVersion['change']) => `entry.change.${change}` as const;
export const nominationTypeKey = (type: NominationType) => `nomination.type.${type}` as const;
export const nominationStatusKey = (status: NominationStatus) => `nomination.status.${status}` as const;

/** A BCP 47 tag's name in the UI language ("fr" → "French"), or the tag itself when unknown. */
export function languageName(tag: string, uiLocale: string): string {
  try {
    return new Intl.DisplayNames([uiLocale], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** An OpenPGP fingerprint in groups of four, as people read it aloud to compare. */
export function formatFingerprint(fingerprint: string): string {
  return (
    fingerprint
      .replace(/\s+/g, '')
      .toUpperCase()
      .match(/.{1,4}/g)
      ?.join(' ') ?? fingerprint
  );
}

/** The order kinds are listed in: policy level first, then technical, then the cybercrime network. */
export function kindOrder(kind: PocKind): number {
  const order: Record<PocKind, number> = { diplomatic: 0, technical: 1, cybercrime_24_7: 2, central_authority_mla: 3 };
  return order[kind];
}

/** Badge classes for a nomination status: open ones stand out, closed ones recede. */
export function nominationStatusClass(status: NominationStatus): string {
  switch (status) {
    case 'submitted':
    case 'awaiting_acceptance':
      return 'badge badge-pending';
    case 'completed':
      return 'badge badge-active';
    case 'rejected':
    case 'withdrawn':
      return 'badge badge-disabled';
  }
}
