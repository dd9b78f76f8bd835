import { useState } from 'react';
import type { ApiToken, ApiTokenCreated } from '../../../../common/schemas/api-tokens.ts';
import type { SessionInfo } from '../../../../common/schemas/session.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { listApiTokens, revokeApiToken } from '../../api/security.ts';
import { useResource } from '../../api/use-resource.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { isolate } from '../../components/labels.ts';
import { useT } from '../../i18n/use-t.ts';
import { CreatedToken } from './CreatedToken.tsx';
import { CreateTokenForm } from './CreateTokenForm.tsx';
import { grantableScopes } from './token-scopes.ts';
import { TokensTable } from './TokensTable.tsx';

/** API tokens for the account's national systems: list, create (shown once), revoke. */
export function ApiTokensSection({ abilities }: { abilities: SessionInfo['abilities'] }) {
  const t = useT();
  const tokens = useResource(listApiTokens);
  const scopes = grantableScopes(abilities);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [announcement, setAnnouncement] = useState('');

  function onCreated(result: ApiTokenCreated) {
    setCreating(false);
    setCreated(result);
    tokens.reload();
  }

  async function revoke(token: ApiToken) {
    setBusy(true);
    setError(null);
    try {
      await revokeApiToken(token.id);
      setAnnouncement(t('security.tokens.revoked', { name: isolate(token.name) }));
      tokens.reload();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
      setRevoking(null);
    }
  }

  const list = tokens.data?.tokens ?? [];
  return (
    <section className="section" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">{t('security.tokens.title')}</h2>
      <p className="lead">{t('security.tokens.intro')}</p>
      <ErrorAlert error={error ?? tokens.error} />
      <div role="status" className="live-region">
        {announcement && <p className="alert alert-success">{announcement}</p>}
      </div>
      {created && (
        <CreatedToken
          created={created}
          onDone={() => {
            setCreated(null);
            setAnnouncement(t('security.tokens.stored'));
          }}
        />
      )}
      {tokens.data && list.length === 0 && <p>{t('security.tokens.none')}</p>}
      {list.length > 0 && <TokensTable tokens={list} onRevoke={setRevoking} />}
      {scopes.length === 0 ? (
        <p className="muted">{t('security.tokens.noScopes')}</p>
      ) : (
        !created &&
        (creating ? (
          <section className="section" aria-labelledby="create-token-heading">
            <h3 id="create-token-heading">{t('security.tokens.createTitle')}</h3>
            <CreateTokenForm scopes={scopes} onCreated={onCreated} onCancel={() => setCreating(false)} />
          </section>
        ) : (
          <div className="toolbar">
            <button type="button" id="token-create" className="button button-primary" onClick={() => setCreating(true)}>
              {t('security.tokens.createTitle')}
            </button>
          </div>
        ))
      )}
      <ConfirmDialog
        open={revoking !== null}
        busy={busy}
        title={t('security.tokens.revokeTitle')}
        message={t('security.tokens.revokeMessage', { name: isolate(revoking?.name ?? '') })}
        confirmLabel={t('security.tokens.revoke')}
        onConfirm={() => revoking && void revoke(revoking)}
        onCancel={() => setRevoking(null)}
      />
    </section>
  );
}
