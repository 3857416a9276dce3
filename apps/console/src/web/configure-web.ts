import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { RedisStore } from 'connect-redis';
import { csrfSync } from 'csrf-sync';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import hbs from 'hbs';
import helmet from 'helmet';
import { SERVICE_CONFIG } from '@koperasi/platform';
import type { ConsoleConfig } from '../config';
import { DEFAULT_LANGUAGE, isLanguage, translate } from '../i18n/dictionary';
import { registerHelpers } from '../i18n/template-helpers';
import { mountQueueBoard, QUEUE_BOARD_PATH } from '../admin/queue-board';
import { RedisConnection } from '../infrastructure/redis.connection';
import { ShutdownTasks } from '../infrastructure/shutdown-tasks';
import { PUBLIC_DIR, VIEWS_DIR } from './console-paths';
import './session';

export const SESSION_COOKIE = 'koperasi.sid';

/** Files served from node_modules under /aset/vendor (no CDN). */
const VENDOR_FILES: Record<string, string> = {
  'htmx.min.js': require.resolve('htmx.org/dist/htmx.min.js'),
  'pico.min.css': require.resolve('@picocss/pico/css/pico.min.css'),
};

/**
 * The browser-facing pipeline, in order: security headers, static assets, form bodies, the
 * session in Redis, the CSRF check on every unsafe method, and the template locals every page
 * uses (language, CSRF token, the flash message of the previous action).
 */
export function configureWeb(app: NestExpressApplication): void {
  const config = app.get<ConsoleConfig>(SERVICE_CONFIG);
  const redis = app.get(RedisConnection);

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
        },
      },
    }),
  );
  for (const [name, file] of Object.entries(VENDOR_FILES)) {
    app.use(`/aset/vendor/${name}`, (_request: Request, response: Response) =>
      response.sendFile(file, { maxAge: '1d' }),
    );
  }
  app.use('/aset', express.static(PUBLIC_DIR, { maxAge: '1h' }));
  app.use(express.urlencoded({ extended: false, limit: '200kb' }));

  app.use(
    session({
      name: SESSION_COOKIE,
      secret: config.SESSION_SECRET,
      store: new RedisStore({
        client: redis.client,
        prefix: `${redis.prefix}session:`,
        ttl: config.SESSION_IDLE_MINUTES * 60,
      }),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.SECURE_COOKIES,
        maxAge: config.SESSION_IDLE_MINUTES * 60_000,
      },
    }),
  );

  const csrf = csrfSync({
    // The queue board's own scripts call its API without our token; the session cookie is
    // SameSite=Lax, so a cross-site page cannot send it with such a request anyway.
    skipCsrfProtection: (request) => request.path.startsWith(`${QUEUE_BOARD_PATH}/api/`),
    getTokenFromRequest: (request) =>
      (request.body as Record<string, string> | undefined)?._csrf ??
      (request.headers['x-csrf-token'] as string | undefined) ??
      (request.query._csrf as string | undefined),
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    csrf.csrfSynchronisedProtection(request, response, (error?: unknown) => {
      if (!error) return next();
      const language = isLanguage(request.session.language) ? request.session.language : DEFAULT_LANGUAGE;
      response.status(403).render('pages/error', {
        lang: language,
        title: translate(language, 'error.title'),
        message: translate(language, 'error.csrf'),
      });
    });
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    response.locals.csrfToken = csrf.generateToken(request);
    response.locals.flash = request.session.flash;
    response.locals.lang = isLanguage(request.session.language) ? request.session.language : DEFAULT_LANGUAGE;
    delete request.session.flash;
    next();
  });

  const closeBoard = mountQueueBoard(app, config);
  app.get(ShutdownTasks).add(closeBoard);

  app.setBaseViewsDir(VIEWS_DIR);
  app.setViewEngine('hbs');
  registerPartials(path.join(VIEWS_DIR, 'partials'));
  registerHelpers(hbs, config.OFFICE_TIME_ZONE);
}

function registerPartials(dir: string): void {
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.hbs'))) {
    hbs.registerPartial(file.replace(/\.hbs$/, ''), readFileSync(path.join(dir, file), 'utf8'));
  }
}
