"""``spaceocr webhook``: check (or make) the signature of a space-ocr webhook delivery.

    spaceocr webhook verify --signature SIG BODYFILE     exit 0 when SIG matches, 1 when not
    spaceocr webhook sign BODYFILE                       print the signature the API would send

The secret comes from ``--secret-env VAR`` (the name of an environment variable, so the
secret is not on the command line), ``--secret-stdin``, or else the stored ``webhook`` key
(``SPACEOCR_WEBHOOK_SECRET`` or the keyring). ``BODYFILE`` is the raw body as received
(``-`` for stdin); verify it byte for byte, before any parsing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from spaceocr.cli.common import dump_json


def register(sub: Any) -> None:
    p = sub.add_parser(
        "webhook",
        help="verify the X-Spaceocr-Signature of a webhook delivery",
        description="HMAC-SHA256 of the raw body with your webhook secret, compared in "
        "constant time.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    for name, text in (("verify", "check a delivery's signature"),
                       ("sign", "print the signature of a body")):
        a = actions.add_parser(name, help=text)
        src = a.add_mutually_exclusive_group()
        src.add_argument("--secret-env", metavar="VAR",
                         help="read the secret from environment variable VAR")
        src.add_argument("--secret-stdin", action="store_true",
                         help="read the secret from the first line of stdin")
        if name == "verify":
            a.add_argument("--signature", "-s", metavar="SIG",
                           help="the X-Spaceocr-Signature header (hex, or sha256=hex)")
        a.add_argument("body", metavar="BODYFILE", help="the raw request body ('-' = stdin)")
    p.set_defaults(func=run, _parser=p)


def _secret(args: argparse.Namespace) -> Any:
    from spaceocr.core.errors import ConfigError
    from spaceocr.core.secrets import KeyStore, Secret

    if args.secret_env:
        raw = os.environ.get(args.secret_env, "")
        if not raw.strip():
            raise ConfigError(f"environment variable {args.secret_env} is not set or empty")
        return Secret(raw.strip(), name="webhook", source=f"env:{args.secret_env}")
    if args.secret_stdin:
        if args.body == "-":
            raise ConfigError("--secret-stdin and a body on stdin cannot be combined")
        raw = sys.stdin.readline().strip()
        if not raw:
            raise ConfigError("no webhook secret on stdin")
        return Secret(raw, name="webhook", source="stdin")
    return KeyStore().require("webhook")


def _body(args: argparse.Namespace) -> bytes:
    from spaceocr.core.errors import ConfigError

    if args.body == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(args.body).read_bytes()
    except OSError as exc:
        raise ConfigError(f"{args.body}: cannot read the body ({exc.strerror})") from None


def run(args: argparse.Namespace) -> int:
    from spaceocr.core import webhooks
    from spaceocr.core.errors import WebhookSignatureError

    if not args.action:
        args._parser.print_help(sys.stderr)
        return 2
    secret = _secret(args)
    body = _body(args)
    if args.action == "sign":
        print(webhooks.sign_body(body, secret))
        return 0
    if not args.signature:
        print("spaceocr: no signature given (--signature); a delivery without "
              f"{webhooks.SIGNATURE_HEADER} is rejected", file=sys.stderr)
        dump_json({"valid": False, "reason": "missing"}, sys.stdout)
        return 1
    if not webhooks.verify_signature(body, args.signature, secret):
        print("spaceocr: the webhook signature does not match the body under this secret; "
              "rejected [webhook_signature]", file=sys.stderr)
        dump_json({"valid": False, "reason": "mismatch"}, sys.stdout)
        return 1
    headers = {webhooks.SIGNATURE_HEADER: args.signature}
    try:
        delivery = webhooks.parse_delivery(body, headers, secret)
        info: dict[str, Any] = {"event": delivery.event, "jobId": delivery.job_id}
    except WebhookSignatureError:  # signed, but not a JSON object: still authentic
        info = {"event": None, "jobId": None}
    print("spaceocr: the signature is valid", file=sys.stderr)
    dump_json({"valid": True, **info}, sys.stdout)
    return 0
