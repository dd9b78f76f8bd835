import type { SessionInfo } from '../../../../common/schemas/session.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useT } from '../../i18n/use-t.ts';
import { ApiTokensSection } from './ApiTokensSection.tsx';
import { SessionsSection } from './SessionsSection.tsx';
import { TwoStepSection } from './TwoStepSection.tsx';

/** The account's own security: two-step sign-in, where it is signed in, and API tokens. */
export function SecurityPage({ session }: { session: SessionInfo }) {
  const t = useT();
  return (
    <div className="security-page">
      <PageHeading>{t('security.title')}</PageHeading>
      <p className="lead">{t('security.intro')}</p>
      <TwoStepSection email={session.account.email} />
      <SessionsSection />
      <ApiTokensSection abilities={session.abilities} />
    </div>
  );
}
