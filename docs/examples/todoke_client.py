#!/usr/bin/env python3
"""An example client for todoke's filing API, for EMR and laboratory system vendors to start from.

Python 3.8 or later, standard library only. It files a 発生届 with a doctor's personal API token and
reads its receipt back (docs/api-tokens.md):

    export TODOKE_URL=https://todoke.example.jp          # the address users open
    export TODOKE_API_TOKEN=todoke_...                    # from the doctor (APIトークン page)
    python3 todoke_client.py file measles.json            # the form's JSON (NotificationSubmission)
    python3 todoke_client.py file bundle.json             # or a FHIR R4 Bundle (docs/fhir.md)
    python3 todoke_client.py file --id 5f0c... measles.json   # again, after a lost answer: same id
    python3 todoke_client.py read 5f0c...                 # status, receipt, history

The token is read from the environment, never from the command line (which other users of the
machine can see). A file whose JSON says "resourceType": "Bundle" is sent as application/fhir+json.

What a real integration must keep from this example:
- The notification id is made ONCE per notification and stored with it before the first attempt.
  Every retry sends the same id with the same content: todoke then answers the original receipt (200)
  instead of filing twice. A new id for a retry could file the case twice.
- An answer lost on the network (timeout, reset connection, a proxy's 502/504) is retried with the
  same id; so are 429 and 503 (maintenance stop), after the wait the server names in Retry-After.
- Any other 4xx is final: the typed error's `code` says why (stable, for programs) and `message` (in
  Japanese, for people); 422 lists the fields to correct. Retrying it unchanged cannot succeed.

Standard output gets the JSON answer (the receipt); standard error gets what happened. Exit status:
0 done, 1 refused (a final error answer: 4xx, or a 500), 2 bad usage or input, 3 gave up (no answer,
or busy for too long).
"""

import argparse
import http.client
import json
import os
import socket
import ssl
import sys
import time
import urllib.error
import urllib.request
import uuid

USER_AGENT = "todoke-example-client/1"
# A proxy's "no answer from the server": the request may or may not have been filed, so it is sent
# again (same id). 503 is also a maintenance stop (Retry-After until its announced end).
RETRIED_STATUSES = {429, 502, 503, 504}

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_GAVE_UP = 0, 1, 2, 3


class Refused(Exception):
    """A final answer that is not a success: the status and todoke's typed error body (ApiError)."""

    def __init__(self, status, error):
        super().__init__(status)
        self.status = status
        self.error = error


class GaveUp(Exception):
    """No final answer within the attempts or the longest wait allowed."""


class Client:
    def __init__(self, base_url, token, attempts=6, max_wait=600.0, timeout=30.0, cafile=None):
        self.api = base_url.rstrip("/") + "/api/v1"
        self.token = token
        self.attempts = attempts
        self.max_wait = max_wait
        self.timeout = timeout
        # A self-signed test server's certificate, if given; otherwise the system's trust store.
        self.tls = ssl.create_default_context(cafile=cafile)

    def file(self, notification_id, body, fhir=False):
        """Files `body` (bytes) under `notification_id`; returns (status, receipt): 201 new, 200 known."""
        content_type = "application/fhir+json" if fhir else "application/json"
        return self._request("PUT", "/notifications/%s" % notification_id, body, content_type)

    def read(self, notification_id):
        """The notification as todoke has it: status, receipt, history."""
        return self._request("GET", "/notifications/%s" % notification_id)[1]

    def _request(self, method, path, body=None, content_type=None):
        """Sends the request until it gets a final answer; the same request each time (same id)."""
        last_problem = "no attempt made"
        for attempt in range(1, self.attempts + 1):
            try:
                return self._send_once(method, path, body, content_type)
            except urllib.error.HTTPError as answer:
                error = _api_error(answer)
                if answer.code not in RETRIED_STATUSES:
                    raise Refused(answer.code, error)
                wait = _retry_after(answer, error, attempt)
                last_problem = "%d %s" % (answer.code, _describe(error))
            except (urllib.error.URLError, http.client.HTTPException, socket.timeout, ConnectionError) as problem:
                # The request may have reached todoke before the connection broke: same id again.
                wait = _backoff(attempt)
                last_problem = "no answer (%s)" % getattr(problem, "reason", problem)
            if attempt == self.attempts:
                break
            if wait > self.max_wait:
                raise GaveUp("%s; asked to wait %d s, more than --max-wait" % (last_problem, wait))
            _log("attempt %d: %s; trying again in %d s" % (attempt, last_problem, wait))
            time.sleep(wait)
        raise GaveUp("%s, after %d attempts" % (last_problem, self.attempts))

    def _send_once(self, method, path, body, content_type):
        request = urllib.request.Request(self.api + path, data=body, method=method)
        request.add_header("Authorization", "Bearer " + self.token)
        request.add_header("Accept", "application/json")
        request.add_header("User-Agent", USER_AGENT)
        if content_type:
            request.add_header("Content-Type", content_type)
        # urllib sends no cookies unless told to: a token request must not carry a session cookie.
        with urllib.request.urlopen(request, timeout=self.timeout, context=self.tls) as answer:
            return answer.status, json.loads(answer.read().decode("utf-8"))


def _api_error(answer):
    """todoke's typed error (`code`, `message`, …) from an error answer; a stand-in if the body is not one
    (e.g. a proxy's HTML page)."""
    try:
        error = json.loads(answer.read().decode("utf-8"))
        if isinstance(error, dict) and "code" in error:
            return error
    except (ValueError, OSError):
        pass
    return {"code": "http_%d" % answer.code, "message": str(answer.reason)}


def _retry_after(answer, error, attempt):
    """Seconds to wait before the next attempt: `Retry-After` (503), else `retry_after_seconds` in the
    body (429), else a growing backoff."""
    for value in (answer.headers.get("Retry-After"), error.get("retry_after_seconds")):
        try:
            return max(1, int(value))
        except (TypeError, ValueError):
            continue
    return _backoff(attempt)


def _backoff(attempt):
    return min(60, 2 ** (attempt - 1))


def _describe(error):
    text = "%s: %s" % (error.get("code"), error.get("message"))
    stop = error.get("maintenance")
    if stop:
        text += " (maintenance: %s, until %s)" % (stop.get("message"), stop.get("ends_at") or "not announced")
    return text


def _log(line):
    print(line, file=sys.stderr)


def _print_refusal(refused):
    _log("refused: %d %s" % (refused.status, _describe(refused.error)))
    for field in refused.error.get("fields", []):
        _log("  %s: %s (%s)" % (field.get("field"), field.get("message"), field.get("code")))


def _arguments(argv):
    parser = argparse.ArgumentParser(description="File 発生届 with todoke's API and read their receipts.")
    parser.add_argument("--url", default=os.environ.get("TODOKE_URL"), help="todoke's address (TODOKE_URL)")
    parser.add_argument("--cacert", help="CA certificate file for a server with a private certificate")
    parser.add_argument("--attempts", type=int, default=6, help="attempts per request (default 6)")
    parser.add_argument("--max-wait", type=float, default=600, help="longest wait between attempts, s")
    parser.add_argument("--timeout", type=float, default=30, help="seconds to wait for an answer")
    commands = parser.add_subparsers(dest="command", required=True)
    filing = commands.add_parser("file", help="file a notification from a JSON file")
    filing.add_argument("--id", type=uuid.UUID, help="the notification's id, when sending it again")
    filing.add_argument("path", help="NotificationSubmission JSON or FHIR R4 Bundle; - for standard input")
    reading = commands.add_parser("read", help="read a filed notification back")
    reading.add_argument("id", type=uuid.UUID)
    return parser.parse_args(argv)


def _load(path):
    """The file's bytes, sent as they are, and whether it is a FHIR Bundle."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as file:
            data = file.read()
    document = json.loads(data.decode("utf-8"))
    return data, isinstance(document, dict) and document.get("resourceType") == "Bundle"


def main(argv):
    args = _arguments(argv)
    token = os.environ.get("TODOKE_API_TOKEN", "").strip()
    if not args.url or not token:
        _log("set TODOKE_URL (or --url) and TODOKE_API_TOKEN")
        return EXIT_USAGE
    client = Client(args.url, token, args.attempts, args.max_wait, args.timeout, args.cacert)
    try:
        if args.command == "file":
            try:
                body, fhir = _load(args.path)
            except (OSError, ValueError) as problem:
                _log("cannot read %s: %s" % (args.path, problem))
                return EXIT_USAGE
            notification_id = args.id or uuid.uuid4()
            # Made before the first attempt and shown at once: a caller that loses this run's answer
            # sends the notification again with --id and gets the receipt instead of a second filing.
            _log("notification id: %s" % notification_id)
            status, receipt = client.file(notification_id, body, fhir)
            if status == 201:
                _log("received (201): new")
            else:
                _log("received before (%d): the original receipt, nothing filed twice" % status)
            print(json.dumps(receipt, ensure_ascii=False, indent=2))
        else:
            print(json.dumps(client.read(args.id), ensure_ascii=False, indent=2))
    except Refused as refused:
        _print_refusal(refused)
        return EXIT_REFUSED
    except GaveUp as gave_up:
        _log("gave up: %s" % gave_up)
        return EXIT_GAVE_UP
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
