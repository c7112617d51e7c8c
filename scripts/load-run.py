#!/usr/bin/env python3
"""Load run of the two-step login against a running demo app (stdlib only).

Registers N users, times the password-only login, enables TOTP for each, then times the
MFA login (password step + verify step), all sequential over loopback. Prints medians.
Usage: scripts/load-run.py [base-url] [users]
"""
import base64, hashlib, hmac, http.cookiejar, json, statistics, struct, sys, time, urllib.request, uuid

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
USERS = int(sys.argv[2]) if len(sys.argv) > 2 else 200


def totp(secret_b32, at=None):
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


class Client:
    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self):
        token = next((c.value for c in self.jar if c.name == "XSRF-TOKEN"), None)
        if token is None:
            self.opener.open(BASE + "/api/auth/csrf").read()
            token = next(c.value for c in self.jar if c.name == "XSRF-TOKEN")
        return token

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(BASE + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if method == "POST":
            request.add_header("X-XSRF-TOKEN", self.csrf())
        with self.opener.open(request) as response:
            text = response.read()
            return json.loads(text) if text else None


def timed(action):
    start = time.perf_counter()
    result = action()
    return (time.perf_counter() - start) * 1000, result


def main():
    password = "load-run password"
    plain, challenge, verify, users = [], [], [], []
    for _ in range(USERS):
        name = "load-" + uuid.uuid4().hex[:12]
        Client().call("POST", "/api/auth/register", {"username": name, "password": password})
        client = Client()
        client.csrf()
        elapsed, _ = timed(lambda: client.call("POST", "/api/auth/login", {"username": name, "password": password}))
        plain.append(elapsed)
        activation = client.call("GET", "/api/auth/mfa/totp/activate")
        client.call("POST", "/api/auth/mfa/totp/activate",
                    {"activationToken": activation["activationToken"], "code": totp(activation["secret"])})
        users.append((name, activation["secret"]))
    # Each user's activation code's time step is spent: wait for the next step.
    time.sleep(31 - time.time() % 30)
    for name, secret in users:
        client = Client()
        client.csrf()
        elapsed, answer = timed(lambda: client.call("POST", "/api/auth/login", {"username": name, "password": password}))
        challenge.append(elapsed)
        elapsed, _ = timed(lambda: client.call("POST", "/api/auth/mfa/verify",
                                               {"ephemeralToken": answer["ephemeralToken"], "code": totp(secret)}))
        verify.append(elapsed)
    print("users=%d (sequential, loopback)" % USERS)
    for label, values in (("login without MFA", plain), ("login step with MFA", challenge), ("verify step", verify)):
        print("%-22s median %6.2f ms   p90 %6.2f ms" % (label, statistics.median(values),
                                                      statistics.quantiles(values, n=10)[-1]))


if __name__ == "__main__":
    main()
