import type { Locale } from '../../../common/locales.ts';
import type { State } from '../../../common/schemas/states.ts';
import { groupKey, statusKey } from '../components/labels.ts';
import { useT } from '../i18n/use-t.ts';

export function StatesTable({ states, locale }: { states: readonly State[]; locale: Locale }) {
  const t = useT();
  return (
    <div className="table-wrap" role="region" aria-labelledby="states-caption" tabIndex={0}>
      <table>
        <caption id="states-caption" className="visually-hidden">
          {t('states.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('states.column.name')}</th>
            <th scope="col">{t('states.column.alpha3')}</th>
            <th scope="col">{t('states.column.m49')}</th>
            <th scope="col">{t('states.column.group')}</th>
            <th scope="col">{t('states.column.status')}</th>
          </tr>
        </thead>
        <tbody>
          {states.map((state) => (
            <tr key={state.m49}>
              <th scope="row" lang={locale}>
                {state.names[locale]}
              </th>
              <td>
                <code translate="no">{state.alpha3}</code>
              </td>
              <td>
                <code translate="no">{state.m49}</code>
              </td>
              <td>{t(groupKey(state.group))}</td>
              <td>
                <span className={`badge badge-${state.status}`}>{t(statusKey(state.status))}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
