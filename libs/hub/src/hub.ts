import { type DynamicModule, type INestApplication, Logger, type LogLevel, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ApiModule, securityMiddleware } from '@zhijian/intake';
import { ConfigModule, type HubConfig } from '@zhijian/config';
import { IngestModule, UploadModule, kafkaIngestTransport } from '@zhijian/ingest';
import { ScreeningModule } from '@zhijian/screening';
import { PersistenceModule, connectedRole } from '@zhijian/persistence';
import { useAuditKey } from '@zhijian/access';
import { EscalationModule, RelayModule } from '@zhijian/referral';
import { RedactingLogger, useApiBodyParsers } from '@zhijian/platform';

/** The parts of the hub; `apps/hub` runs them all in one process, the other apps one or two each. */
export interface HubParts {
  ingest: boolean;
  screening: boolean;
  relay: boolean;
  api: boolean;
}

export const ALL_PARTS: HubParts = { ingest: true, screening: true, relay: true, api: true };

@Module({})
class HubModule {
  static forRoot(config: HubConfig, parts: HubParts): DynamicModule {
    return {
      module: HubModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule,
        ...(parts.ingest ? [IngestModule] : []),
        // The escalation loop runs in the process that screens (apps/worker, apps/hub).
        ...(parts.screening ? [ScreeningModule, EscalationModule] : []),
        ...(parts.relay ? [RelayModule] : []),
        ...(parts.api ? [UploadModule] : []),
        ApiModule.forRoot({ leads: parts.api }),
      ],
    };
  }
}

const LEVELS: Record<HubConfig['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
};

/** Boots the hub's parts in this process and returns the running Nest application. */
export async function startHub(config: HubConfig, parts: HubParts = ALL_PARTS): Promise<INestApplication> {
  const logger = new Logger('Hub');
  // The API writes the audit log: its keyed chain needs the key, which the database never holds.
  if (parts.api && !config.auditKey) {
    throw new Error('no audit key: set AUDIT_KEY or AUDIT_KEY_FILE (README, "Access and audit")');
  }
  useAuditKey(config.auditKey?.reveal() ?? null);
  const app = await NestFactory.create<NestExpressApplication>(HubModule.forRoot(config, parts), {
    logger: new RedactingLogger(LEVELS[config.logLevel]),
  });
  app.enableShutdownHooks();
  // Before any route (the docs' too): helmet's headers, no X-Powered-By, no-store on /v1/*.
  for (const middleware of securityMiddleware()) app.use(middleware);
  // JSON bodies with Chinese answers to malformed ones; the feed upload's body left to it.
  useApiBodyParsers(app);

  const dataSource = app.get(DataSource);
  if (await dataSource.showMigrations()) {
    await app.close();
    throw new Error('the database has migrations not yet applied: run `npm run migrate` (or the demo) first');
  }
  const role = await connectedRole(dataSource);
  if (role?.super) {
    logger.warn(
      `connected to PostgreSQL as superuser ${role.name}: the audit log is only protected when the hub ` +
        'connects as its own role (DATABASE_URL with zhijian_app; README, "Access and audit")',
    );
  }

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Zhijian Hub API 执检数据枢纽').setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document);

  // Module init creates the topics; the consumer subscribes only after.
  await app.init();
  if (parts.ingest) {
    app.connectMicroservice(
      { strategy: kafkaIngestTransport(config, dataSource) },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
  }
  await app.listen(config.httpPort, config.httpHost);
  logger.log(
    `hub parts [${Object.entries(parts)
      .filter(([, on]) => on)
      .map(([p]) => p)
      .join(
        ', ',
      )}] up; API at ${await app.getUrl()}/v1/leads, docs at /docs${parts.api ? ', console at /console/' : ''}`,
  );
  return app;
}
