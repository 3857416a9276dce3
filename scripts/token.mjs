// npm run token -- --user u1 --role supervisor [--role officer] [--name "Siti Rahma"]
// Mints a token signed with JWT_SECRET for JWT_ISSUER and JWT_AUDIENCE (the services' defaults when unset).
import { parseArgs } from 'node:util';
import { platform } from './services.mjs';

const { values } = parseArgs({
  options: {
    user: { type: 'string' },
    role: { type: 'string', multiple: true },
    name: { type: 'string' },
    ttl: { type: 'string', default: String(12 * 3600) },
  },
});
const { signToken, tokenSettings } = platform();
const roles = values.role ?? [];
if (!values.user || roles.length === 0) {
  console.error(
    'usage: npm run token -- --user <id> --role <registrar|officer|supervisor|manager|admin> [--role ...] [--name <name>]',
  );
  process.exit(2);
}
console.log(signToken(tokenSettings(), { id: values.user, name: values.name, roles }, Number(values.ttl)));
