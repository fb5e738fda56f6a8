# A real SMTP server for the alert-email tests: Debian's aiosmtpd (python3-aiosmtpd) on 127.0.0.1
# with STARTTLS (the test CA's certificate), AUTH PLAIN/LOGIN required over TLS for one user, and
# every accepted message printed to stdout as one JSON line. Prints "READY <port>" when listening.
# Usage: smtp-server.py PORT CERT KEY USER PASSWORD
import asyncio, json, ssl, sys
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

port, cert, key, user, password = sys.argv[1:6]

class Record:
    async def handle_DATA(self, server, session, envelope):
        print(json.dumps({"from": envelope.mail_from, "to": envelope.rcpt_tos, "tls": session.ssl is not None,
                          "login": "alerts" if session.authenticated else None,
                          "data": envelope.content.decode("utf-8", "replace")}), flush=True)
        return "250 OK"

def authenticate(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login.decode() == user and auth_data.password.decode() == password
    # handled=False: aiosmtpd then answers 535 itself (True would mean "already answered").
    return AuthResult(success=ok, handled=False)

context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
controller = Controller(Record(), hostname="127.0.0.1", port=int(port), tls_context=context,
                        require_starttls=True, auth_require_tls=True, authenticator=authenticate, auth_exclude_mechanism=["CRAM-MD5"])
controller.start()
print(f"READY {port}", flush=True)
try:
    sys.stdin.read()
finally:
    controller.stop()
