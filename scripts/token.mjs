// npm run token -- --user u1 --role supervisor [--role officer] [--name "Siti Rahma"]
// Mints a development token signed with JWT_SECRET (the services' default when unset).
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
const { signToken, baseEnvSchema } = platform();
const roles = values.role ?? [];
if (!values.user || roles.length === 0) {
  console.error(
    'usage: npm run token -- --user <id> --role <registrar|officer|supervisor|manager|admin> [--role ...] [--name <name>]',
  );
  process.exit(2);
}
const secret = baseEnvSchema.shape.JWT_SECRET.parse(process.env.JWT_SECRET || undefined);
console.log(signToken(secret, { id: values.user, name: values.name, roles }, Number(values.ttl)));
