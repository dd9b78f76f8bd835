import type { SessionInfo } from '../../../../common/schemas/session.ts';
import { FlashMessages } from '../../components/FlashMessages.tsx';
import { NavLink } from '../../components/NavLink.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useT } from '../../i18n/use-t.ts';
import { CampaignList } from './CampaignList.tsx';
import { MyChecks } from './MyChecks.tsx';

/**
 * Ping tests: the checks waiting for the signed-in contact, and (for who may read them) every
 * campaign with its trend. A national authority is both a contact and a reader: it sees both.
 */
export function PingTestsPage({ session }: { session: SessionInfo }) {
  const t = useT();
  const { abilities } = session;
  return (
    <>
      <PageHeading>{t('ping.ui.title')}</PageHeading>
      <p className="lead">{t('ping.ui.lead')}</p>
      <FlashMessages />
      {abilities['pingTests.manage'] && (
        <div className="toolbar">
          <NavLink to="/ping-tests/new" className="button button-primary">
            {t('ping.ui.new')}
          </NavLink>
        </div>
      )}
      {abilities['pingTests.acknowledge'] && <MyChecks />}
      {abilities['pingTests.read'] && <CampaignList />}
    </>
  );
}
