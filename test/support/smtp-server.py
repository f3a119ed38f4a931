"""A real SMTP server for the channel tests (Debian's aiosmtpd): 127.0.0.1, the given port,
optional STARTTLS (cert + key) or implicit TLS, optional AUTH with one user. Each message
received is printed to stdout as one JSON line; "ready" once listening. Run with /usr/bin/python3."""
import argparse, asyncio, json, ssl, sys
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword, SMTP

p = argparse.ArgumentParser()
p.add_argument('--port', type=int, required=True)
p.add_argument('--cert'); p.add_argument('--key')
p.add_argument('--implicit-tls', action='store_true')
p.add_argument('--user'); p.add_argument('--password')
p.add_argument('--reject', default='', help='reply code to answer every DATA with, e.g. 451 or 550')
a = p.parse_args()

class Handler:
    async def handle_DATA(self, server, session, envelope):
        if a.reject:
            return f'{a.reject} rejected on purpose by the test server'
        print(json.dumps({'from': envelope.mail_from, 'to': envelope.rcpt_tos, 'data': envelope.content.decode('utf8', 'replace'),
                          'tls': session.ssl is not None or server.transport.get_extra_info('sslcontext') is not None, 'auth': session.authenticated, 'helo': session.host_name}), flush=True)
        return '250 OK stored'

def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == a.user and auth_data.password.decode() == a.password
    # handled=False: aiosmtpd itself answers (235, or 535 on a wrong password).
    return AuthResult(success=ok, handled=False)

ctx = None
if a.cert:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(a.cert, a.key)

kwargs = {}
if a.user:
    kwargs.update(authenticator=authenticator, auth_require_tls=bool(ctx))
if ctx and not a.implicit_tls:
    kwargs.update(tls_context=ctx, require_starttls=False)


ctl = Controller(Handler(), hostname='127.0.0.1', port=a.port, ssl_context=ctx if a.implicit_tls else None, server_kwargs=kwargs)
ctl.start()
print('ready', flush=True)
try:
    sys.stdin.read()
finally:
    ctl.stop()
