import {
  BadRequestException,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { TaskCommands } from '../../../../core/scheduling/task-commands';
import { BankConnectionsService } from '../../../connections/bank-connections.service';
import { safeMessage } from '../../../sync/sync-failure';
import { GoCardlessBudgetStore } from '../budget/gocardless-budget.store';
import { agreementExpiresAt } from '../dto/gocardless-agreement.dto';
import type { GoCardlessInstitution } from '../dto/gocardless-institution.dto';
import type { GoCardlessRequisition } from '../dto/gocardless-requisition.dto';
import { GoCardlessRequestRejectedError } from '../errors/gocardless-api.errors';
import type { GoCardlessClient } from '../gocardless.client';
import { GoCardlessApiService } from '../client/gocardless-api.service';
import { GoCardlessSchedule } from '../schedule/gocardless-schedule.service';
import { GoCardlessLinkEntity } from './gocardless-link.entity';

export interface StartedLink {
  readonly link: string;
  readonly requisitionId: string;
  readonly reference: string;
}

export interface CallbackOutcome {
  readonly status: 'linked' | 'pending' | 'failed';
  readonly connectionId: number | null;
  readonly requisitionStatus: string | null;
  readonly error: string | null;
}

/** Requisition statuses after which the user can no longer finish linking. */
const DEAD_ENDS: Readonly<Record<string, string>> = {
  RJ: 'the bank rejected the authentication (RJ)',
  EX: 'the requisition expired before it was linked (EX)',
  ER: 'the requisition ended in an error (ER)',
  SU: 'the requisition was suspended (SU)',
};

/**
 * The connect flow: a requisition under an agreement with the bank's own limits, then the
 * callback that turns a linked requisition into a connection, its accounts, its scheduled task
 * and a first sync.
 */
@Injectable()
export class GoCardlessConnectService {
  private readonly logger = new Logger('GoCardless');

  constructor(
    private readonly api: GoCardlessApiService,
    @InjectRepository(GoCardlessLinkEntity)
    private readonly links: Repository<GoCardlessLinkEntity>,
    private readonly connections: BankConnectionsService,
    private readonly budgets: GoCardlessBudgetStore,
    private readonly schedule: GoCardlessSchedule,
    private readonly commands: TaskCommands,
  ) {}

  institutions(country: string): Promise<GoCardlessInstitution[]> {
    return this.client().institutions(country);
  }

  async start(userId: number, institutionId: string, redirectUrl: string): Promise<StartedLink> {
    const client = this.client();
    let institution: GoCardlessInstitution;
    try {
      institution = await client.institution(institutionId);
    } catch (error) {
      if (error instanceof GoCardlessRequestRejectedError) {
        throw new BadRequestException(
          `institution_id ${institutionId} is not a GoCardless institution`,
        );
      }
      throw error;
    }
    const agreement = await client.createAgreement(institution);
    const reference = randomBytes(24).toString('base64url');
    const requisition = await client.createRequisition({
      institutionId: institution.id,
      agreementId: agreement.id,
      redirect: redirectUrl,
      reference,
    });
    await this.links.insert({
      reference,
      userId,
      institutionId: institution.id,
      institutionName: institution.name.slice(0, 200),
      agreementId: agreement.id,
      requisitionId: requisition.id,
      status: 'pending',
      error: null,
      connectionId: null,
    });
    return { link: requisition.link, requisitionId: requisition.id, reference };
  }

  /**
   * The user is back from the bank. `error`/`details` are what GoCardless added to the redirect
   * when the user cancelled or the bank failed; they are recorded on the link.
   */
  async complete(reference: string, error?: string, details?: string): Promise<CallbackOutcome> {
    const link = await this.links.findOneBy({ reference });
    if (!link) throw new NotFoundException('ref is not a GoCardless connect reference of this app');
    if (link.status === 'linked') return outcome(link, 'LN');
    if (error) {
      return this.fail(
        link,
        safeMessage(`${error}${details ? `: ${details}` : ''}`).slice(0, 500),
        null,
      );
    }
    const requisition = await this.client().requisition(link.requisitionId);
    const deadEnd = DEAD_ENDS[requisition.status];
    if (deadEnd) return this.fail(link, deadEnd, requisition.status);
    if (requisition.status !== 'LN') {
      return {
        status: 'pending',
        connectionId: null,
        requisitionStatus: requisition.status,
        error: null,
      };
    }
    const connectionId = await this.attach(link.userId, requisition, link.institutionName);
    await this.links.update(link.id, { status: 'linked', error: null, connectionId });
    link.status = 'linked';
    link.connectionId = connectionId;
    return outcome(link, 'LN');
  }

  /**
   * A requisition already linked at GoCardless, given to a user without the redirect (the demo,
   * tests, a support migration). Never reachable from the API: the callback is the only way in.
   */
  async adoptLinked(
    userId: number,
    requisitionId: string,
    label?: string,
    options: { firstSync?: boolean } = {},
  ): Promise<number> {
    const requisition = await this.client().requisition(requisitionId);
    if (requisition.status !== 'LN') {
      throw new BadRequestException(
        `requisition ${requisitionId} is ${requisition.status}, not LN`,
      );
    }
    return this.attach(userId, requisition, label ?? requisition.institutionId, options.firstSync);
  }

  /**
   * A linked requisition → the connection (consent expiry from the agreement), its accounts'
   * rows, its scheduled task and its first sync, started now through the runner.
   */
  private async attach(
    userId: number,
    requisition: GoCardlessRequisition,
    institutionName: string | null,
    firstSync = true,
  ): Promise<number> {
    const agreement = requisition.agreement
      ? await this.client().agreement(requisition.agreement)
      : null;
    const consentExpiresAt = agreement ? agreementExpiresAt(agreement) : null;
    const existing = (await this.connections.listForUser(userId, 'gocardless')).find(
      (connection) => connection.externalId === requisition.id,
    );
    const connection =
      existing ??
      (await this.connections.create({
        userId,
        provider: 'gocardless',
        providerUserId: null,
        externalId: requisition.id,
        institutionName: institutionName?.slice(0, 200) ?? requisition.institutionId,
      }));
    await this.connections.recordConsent(connection.id, consentExpiresAt);
    await this.budgets.ensureAccounts(
      connection.id,
      requisition.accounts,
      agreement?.maxHistoricalDays ?? null,
    );
    const task = await this.schedule.ensureTask(
      connection.id,
      institutionName ?? requisition.institutionId,
    );
    if (!firstSync) return connection.id;
    await this.commands
      .runNow(task)
      .catch((refused: unknown) =>
        this.logger.warn(
          `Connection ${connection.id}: the first sync could not start now (${String(refused)}); its schedule will run it`,
        ),
      );
    return connection.id;
  }

  private async fail(
    link: GoCardlessLinkEntity,
    error: string,
    requisitionStatus: string | null,
  ): Promise<CallbackOutcome> {
    await this.links.update(link.id, { status: 'failed', error });
    return { status: 'failed', connectionId: null, requisitionStatus, error };
  }

  private client(): GoCardlessClient {
    if (!this.api.client) {
      throw new ServiceUnavailableException(
        'GoCardless is not configured: set GOCARDLESS_SECRET_ID and GOCARDLESS_SECRET_KEY',
      );
    }
    return this.api.client;
  }
}

function outcome(link: GoCardlessLinkEntity, requisitionStatus: string): CallbackOutcome {
  return { status: 'linked', connectionId: link.connectionId, requisitionStatus, error: null };
}
