import { z } from 'zod';
import { durationField, nameField } from '../config/fields';

export const sshHostSchema = z
  .object({
    name: nameField,
    hostname: z.string().min(1),
    user: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65_535).default(22),
    /** A private key file (`~` allowed); encrypted keys ask for their passphrase, which is never stored. */
    identityFile: z.string().min(1).optional(),
    /** Jump hosts, comma-separated as in OpenSSH (`bastion` or `user@bastion:2222`); each hop's key is checked. */
    proxyJump: z.string().min(1).optional(),
  })
  .strict();

export const runbooksConfigSchema = {
  runbooks: z.object({ dirs: z.array(z.string().min(1)).default([]) }).strict().default({ dirs: [] }),
  ssh: z
    .object({
      hosts: z.array(sshHostSchema).default([]),
      /** Read ~/.ssh/config for hosts not listed here (HostName, User, Port, IdentityFile, ProxyJump). */
      useSshConfig: z.boolean().default(true),
      keepaliveInterval: durationField.default(15_000),
      readyTimeout: durationField.default(20_000),
      /** A step with no `timeout=` attribute is stopped after this long. */
      stepTimeout: durationField.default(300_000),
      /** `openssh`: every host through the system ssh client; `auto`: only hosts ssh2 cannot serve (certificates, FIDO, PKCS#11, GSSAPI). */
      transport: z.enum(['auto', 'openssh']).default('auto'),
    })
    .strict()
    .default({ hosts: [], useSshConfig: true, keepaliveInterval: 15_000, readyTimeout: 20_000, stepTimeout: 300_000, transport: 'auto' as const }),
};
