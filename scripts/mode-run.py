#!/usr/bin/env python3
"""Side-by-side run of authenticated calls in session mode and in jwt mode (stdlib only).

Needs two demo apps running at once: one in session mode and one with the jwt profile.
Logs one user in on each, then alternates GET /api/auth/mfa/status between the two, so
that the machine's noise falls on both alike, and times refresh-token rotations on the jwt
one. Prints medians, p90 and the ratio of the medians.
Usage: scripts/mode-run.py [session-url] [jwt-url] [calls]
"""
import http.cookiejar, json, statistics, sys, time, urllib.request, uuid

SESSION = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
JWT = sys.argv[2] if len(sys.argv) > 2 else "http://localhost:8081"
CALLS = int(sys.argv[3]) if len(sys.argv) > 3 else 2000


class Client:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.tokens = None

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if self.tokens:
            request.add_header("Authorization", "Bearer " + self.tokens["accessToken"])
        elif method == "POST":
            self.opener.open(self.base + "/api/auth/csrf").read()
            token = next((c.value for c in self.jar if c.name == "XSRF-TOKEN"), None)
            if token:
                request.add_header("X-XSRF-TOKEN", token)
        with self.opener.open(request) as response:
            text = response.read()
            return json.loads(text) if text else None

    def login(self):
        name, password = "mode-" + uuid.uuid4().hex[:12], "mode-run password"
        self.call("POST", "/api/auth/register", {"username": name, "password": password})
        answer = self.call("POST", "/api/auth/login", {"username": name, "password": password})
        if "accessToken" in answer:
            self.tokens = answer

    def refresh(self):
        refresh_token = self.tokens["refreshToken"]
        self.tokens = None
        self.tokens = self.call("POST", "/api/auth/token/refresh", {"refreshToken": refresh_token})


def timed(action):
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def report(label, values):
    print("%-32s median %6.2f ms   p90 %6.2f ms" % (label, statistics.median(values),
                                                  statistics.quantiles(values, n=10)[-1]))


def main():
    session, jwt = Client(SESSION), Client(JWT)
    session.login()
    jwt.login()
    assert session.tokens is None and jwt.tokens is not None, "start the second app with the jwt profile"
    for _ in range(200):
        session.call("GET", "/api/auth/mfa/status")
        jwt.call("GET", "/api/auth/mfa/status")
    session_times, jwt_times = [], []
    for _ in range(CALLS):
        session_times.append(timed(lambda: session.call("GET", "/api/auth/mfa/status")))
        jwt_times.append(timed(lambda: jwt.call("GET", "/api/auth/mfa/status")))
    refresh_times = [timed(jwt.refresh) for _ in range(CALLS // 10)]
    print("calls=%d each, alternating (sequential, loopback)" % CALLS)
    report("GET /mfa/status, session cookie", session_times)
    report("GET /mfa/status, bearer token", jwt_times)
    report("POST /token/refresh (rotation)", refresh_times)
    print("bearer / session median ratio: %.2f" % (statistics.median(jwt_times) / statistics.median(session_times)))


if __name__ == "__main__":
    main()
