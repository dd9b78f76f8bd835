import { LOCALES, LOCALE_NATIVE_NAMES, isLocale, type Locale } from '../../../common/locales.ts';
import { useT } from '../i18n/use-t.ts';

/** Lists the six UN languages, each written in itself and tagged with its own lang. */
export function LanguageSwitcher({ locale, onChange }: { locale: Locale; onChange: (locale: Locale) => void }) {
  const t = useT();
  return (
    <div className="language-switcher">
      <label htmlFor="language-select">{t('language.label')}</label>
      <select
        id="language-select"
        value={locale}
        onChange={(event) => {
          if (isLocale(event.target.value)) onChange(event.target.value);
        }}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NATIVE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
