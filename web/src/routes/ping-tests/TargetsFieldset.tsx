import { POC_KINDS, type PocKind } from '../../../../common/directory.ts';
import { REGIONAL_GROUPS, type RegionalGroup } from '../../../../common/regional-groups.ts';
import type { State } from '../../../../common/schemas/states.ts';
import { Check } from '../../components/Check.tsx';
import { kindKey, kindOrder } from '../../components/directory-labels.ts';
import { groupKey } from '../../components/labels.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useT } from '../../i18n/use-t.ts';
import { Fieldset, type FieldErrors } from '../nominations/FormControls.tsx';
import type { PingDraft, TargetScope } from './ping-form-model.ts';
import { StatePicker } from './StatePicker.tsx';

const SCOPES: readonly { scope: TargetScope; label: MessageKey; hint: MessageKey }[] = [
  { scope: 'all', label: 'ping.ui.form.scope.all', hint: 'ping.ui.form.scope.allHint' },
  { scope: 'groups', label: 'ping.ui.form.scope.groups', hint: 'ping.ui.form.scope.groupsHint' },
  { scope: 'states', label: 'ping.ui.form.scope.states', hint: 'ping.ui.form.scope.statesHint' },
];

const KINDS = [...POC_KINDS].sort((a, b) => kindOrder(a) - kindOrder(b));

/** Adds or removes one value of a list, keeping the order it was chosen in. */
function toggled<V>(list: readonly V[], value: V, on: boolean): V[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

interface TargetsFieldsetProps {
  draft: PingDraft;
  states: readonly State[];
  errors: FieldErrors;
  onChange: (patch: Partial<PingDraft>) => void;
}

/** Whom the campaign checks: which States (all, by group or by name) and which kinds of contact. */
export function TargetsFieldset({ draft, states, errors, onChange }: TargetsFieldsetProps) {
  const t = useT();
  return (
    <Fieldset legend={t('ping.ui.form.targets')} name="targets" errors={errors}>
      <div className="radios">
        {SCOPES.map(({ scope, label, hint }) => (
          <div className="radio" key={scope}>
            <input
              id={`ping-scope-${scope}`}
              type="radio"
              name="scope"
              value={scope}
              checked={draft.scope === scope}
              aria-describedby={`ping-scope-${scope}-hint`}
              onChange={() => onChange({ scope })}
            />
            <label htmlFor={`ping-scope-${scope}`}>{t(label)}</label>
            <p id={`ping-scope-${scope}-hint`} className="field-hint">
              {t(hint)}
            </p>
          </div>
        ))}
      </div>
      {draft.scope === 'groups' && (
        <fieldset className="subfieldset">
          <legend>{t('ping.ui.form.groups')}</legend>
          <div className="check-grid">
            {REGIONAL_GROUPS.map((group: RegionalGroup) => (
              <Check
                key={group}
                id={`ping-group-${group}`}
                label={t(groupKey(group))}
                checked={draft.groups.includes(group)}
                onChange={(on) => onChange({ groups: toggled(draft.groups, group, on) })}
              />
            ))}
          </div>
        </fieldset>
      )}
      {draft.scope === 'states' && (
        <StatePicker states={states} chosen={draft.states} onChange={(chosen) => onChange({ states: chosen })} />
      )}
      <fieldset className="subfieldset">
        <legend>{t('ping.ui.form.kinds')}</legend>
        <p className="field-hint">{t('ping.ui.form.kindsHint')}</p>
        <div className="check-grid">
          {KINDS.map((kind: PocKind) => (
            <Check
              key={kind}
              id={`ping-kind-${kind}`}
              label={t(kindKey(kind))}
              checked={draft.kinds.includes(kind)}
              onChange={(on) => onChange({ kinds: toggled(draft.kinds, kind, on) })}
            />
          ))}
        </div>
      </fieldset>
    </Fieldset>
  );
}
