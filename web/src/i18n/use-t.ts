import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../../common/locales.ts';
import type { MessageKey } from './messages.ts';

type Values = Record<string, string | number | Date>;

/** formatMessage with checked keys: `t('states.title')`. */
export function useT(): (id: MessageKey, values?: Values) => string {
  const intl = useIntl();
  return useCallback((id: MessageKey, values?: Values) => intl.formatMessage({ id }, values), [intl]);
}

/** The UI language, read back from the provider's BCP 47 tag ("ar-u-nu-latn" → "ar"). */
export function useLocale(): Locale {
  const language = useIntl().locale.split('-')[0];
  return isLocale(language) ? language : DEFAULT_LOCALE;
}
