import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { MessageKey } from './messages.ts';

type Values = Record<string, string | number | Date>;

/** formatMessage with checked keys: `t('states.title')`. */
export function useT(): (id: MessageKey, values?: Values) => string {
  const intl = useIntl();
  return useCallback((id: MessageKey, values?: Values) => intl.formatMessage({ id }, values), [intl]);
}
