import { eq } from 'drizzle-orm';
import type { SendRequest } from '../../common/schemas/communications.ts';
import { accountActorOf, type AccountActor } from '../auth/actor.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { accounts } from '../db/schema.ts';
import { actOnCommunication } from '../modules/communications/communication-lifecycle.service.ts';
import { replyToCommunication, sendCommunication } from '../modules/communications/communications.service.ts';

const HOUR_MS = 60 * 60 * 1000;

async function actorFor(db: Db, email: string): Promise<AccountActor> {
  const [row] = await db.select().from(accounts).where(eq(accounts.email, email));
  if (!row) throw new Error(`demo account ${email} missing`);
  return accountActorOf(row, null);
}

const ago = (now: Date, hours: number) => new Date(now.getTime() - hours * HOUR_MS);

/**
 * Demo threads between demo States at different points of the lifecycle, through the real
 * services (so audited and mailed like any other): one answered, one just delivered, and one
 * whose acknowledgement by China is overdue.
 */
export async function seedDemoCommunications(db: Db, config: Config, now = new Date()): Promise<void> {
  const deps = { db, config };
  const ghana = await actorFor(db, 'poc.gh@demo.pocdir.example');
  const egypt = await actorFor(db, 'authority.eg@demo.pocdir.example');
  const france = await actorFor(db, 'authority.fr@demo.pocdir.example');
  const brazil = await actorFor(db, 'authority.br@demo.pocdir.example');
  const kazakhstan = await actorFor(db, 'authority.kz@demo.pocdir.example');

  const rfi: SendRequest = {
    type: 'request_for_information',
    recipients: [{ stateM49: '818', kind: 'technical' }],
    tlp: 'TLP:AMBER',
    urgency: 'normal',
    requestedResponseHours: 120,
    ownReference: 'CERT-GH/2026/311',
    language: 'en',
    content: {
      summary: 'Phishing campaign against ministries using look-alike domains',
      firstObservedAt: ago(now, 80).toISOString(),
      affectedSectors: ['public_administration'],
      criticalInfrastructure: 'no',
      impact: 'moderate',
      technicalIndicators: ['mofa-gh-login.example', '198.51.100.23'],
      informationRequested:
        'Are these domains and this address known to EG-CERT? Any registrant information you can share.',
      actionsTaken: 'Domains reported to the registrar; mail filters updated.',
    },
  };
  const first = await sendCommunication(deps, ghana, rfi, null, ago(now, 72));
  await actOnCommunication(deps, egypt, first.id, 'acknowledge', undefined, null, ago(now, 70));
  await replyToCommunication(
    deps,
    egypt,
    first.id,
    {
      type: 'response',
      language: 'ar',
      content: {
        response: 'العنوان 198.51.100.23 معروف لدينا ضمن بنية تحتية لحملات تصيّد سابقة. تم إبلاغ مزوّد الاستضافة.',
        actionsTaken: 'إبلاغ مزوّد الاستضافة وطلب الحفظ المؤقت للسجلات.',
      },
    },
    null,
    ago(now, 48),
  );

  await sendCommunication(
    deps,
    france,
    {
      type: 'incident_notification',
      recipients: [{ stateM49: '288', kind: 'technical' }],
      tlp: 'TLP:GREEN',
      urgency: 'high',
      language: 'fr',
      content: {
        summary: 'Vulnérabilité critique exploitée dans des passerelles VPN',
        incidentDescription:
          'Exploitation active d’une vulnérabilité d’exécution de code à distance dans des passerelles VPN répandues.',
        affectedSectors: ['energy', 'telecommunications'],
        criticalInfrastructure: 'yes',
        impact: 'high',
        handlingInstructions: 'Diffusion possible à la communauté des CERT nationaux.',
      },
    },
    null,
    ago(now, 6),
  );

  const urgent = await sendCommunication(
    deps,
    brazil,
    {
      type: 'request_for_assistance',
      recipients: [
        { stateM49: '398', kind: 'technical' },
        { stateM49: '156', kind: 'technical' },
      ],
      tlp: 'TLP:AMBER+STRICT',
      urgency: 'urgent',
      language: 'es',
      content: {
        summary: 'Ataque DDoS contra el sistema de pagos instantáneos',
        incidentDescription: 'Tráfico de denegación de servicio desde redes con direcciones en sus países.',
        affectedSectors: ['banking', 'financial_markets'],
        criticalInfrastructure: 'yes',
        impact: 'severe',
        assistanceSought: 'Identificar y neutralizar los nodos de origen listados en el anexo técnico.',
      },
    },
    null,
    ago(now, 5),
  );
  await actOnCommunication(deps, kazakhstan, urgent.id, 'acknowledge', undefined, null, ago(now, 4.5));
  await actOnCommunication(deps, kazakhstan, urgent.id, 'start', undefined, null, ago(now, 4));
}
