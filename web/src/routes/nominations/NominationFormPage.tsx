import { useCallback, useMemo } from 'react';
import { NOMINATION_TYPES, type NominationType } from '../../../../common/directory.ts';
import type { Nomination } from '../../../../common/schemas/directory.ts';
import type { ApiError } from '../../api/client.ts';
import { listEntries } from '../../api/directory.ts';
import { useResource } from '../../api/use-resource.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { setFlash } from '../../components/flash.ts';
import { NavLink } from '../../components/NavLink.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { navigate, useSearch } from '../../router.ts';
import { NominationForm } from './NominationForm.tsx';
import {
  browserTimeZone,
  detailsFromEntry,
  emptyDetails,
  replacementFor,
  type NominationDraft,
} from './nomination-form-model.ts';

function typeFrom(search: string): NominationType {
  const type = new URLSearchParams(search).get('type');
  return NOMINATION_TYPES.find((t) => t === type) ?? 'new';
}

/** The national authority's nomination form; "?type=update&entry=<id>" starts from an existing entry. */
export function NominationFormPage({ stateM49 }: { stateM49: string }) {
  const t = useT();
  const locale = useLocale();
  const search = useSearch();
  const load = useCallback(() => listEntries({ stateM49, limit: 500 }), [stateM49]);
  const { data, error } = useResource(load);
  const timeZone = useMemo(browserTimeZone, []);

  const initial = useMemo((): NominationDraft | null => {
    if (!data) return null;
    const params = new URLSearchParams(search);
    const type = typeFrom(search);
    const target = type === 'new' ? undefined : data.items.find((entry) => entry.id === params.get('entry'));
    const details =
      target && type === 'update'
        ? detailsFromEntry(target)
        : target && type === 'replacement'
          ? replacementFor(target, locale)
          : emptyDetails(locale, timeZone);
    return { type, targetEntryId: target?.id ?? '', details, reason: '', noteVerbaleRef: '', noteVerbaleDate: '' };
  }, [data, search, locale, timeZone]);

  function onSubmitted(nomination: Nomination, documentError: ApiError | null) {
    setFlash(
      { kind: 'success', text: t('nomination.submitted') },
      ...(documentError
        ? [
            {
              kind: 'error' as const,
              text: t('nomination.documentFailed', {
                message: documentError.code === 'NETWORK_ERROR' ? t('app.error.network') : documentError.message,
              }),
            },
          ]
        : []),
    );
    navigate(`/nominations/${nomination.id}`);
  }

  return (
    <>
      <PageHeading>{t('nomination.form.title')}</PageHeading>
      <p className="lead">{t('nomination.form.intro')}</p>
      <p>
        <NavLink to="/my-state">{t('nomination.form.back')}</NavLink>
      </p>
      <ErrorAlert error={error} />
      {initial === null && !error && <p className="result-count">{t('app.loading')}</p>}
      {initial && data && (
        <NominationForm
          key={search}
          initial={initial}
          targets={data.items.filter((entry) => entry.status === 'active')}
          language={locale}
          timeZone={timeZone}
          onSubmitted={onSubmitted}
        />
      )}
    </>
  );
}
