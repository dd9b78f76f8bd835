import { NavLink } from '../components/NavLink.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { useT } from '../i18n/use-t.ts';

export function NotFoundPage() {
  const t = useT();
  return (
    <>
      <PageHeading>{t('app.notFound.title')}</PageHeading>
      <p>{t('app.notFound.body')}</p>
      <p>
        <NavLink to="/states">{t('app.notFound.home')}</NavLink>
      </p>
    </>
  );
}
