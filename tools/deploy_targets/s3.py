"""Upload to Amazon S3 or an S3-compatible store (Cloudflare R2, Backblaze B2, MinIO).

What travels is decided by content: a single-part upload's ETag is the MD5 of the file,
so a file whose MD5 matches its object's ETag is already there. Credentials come from
boto3's usual places (environment, ~/.aws) and are never printed.

A bucket has no atomic switch, so the order keeps every page reachable from the home page
working at every moment: new and changed assets (styles, images) first, then new pages
(nothing links to them yet), then changed pages (which may link to the new ones), and
objects no longer part of the site are deleted last.

boto3 is not part of the base install (requirements.txt): the first DEPLOY=s3 publish
installs the pinned requirements-s3.txt into the running virtual environment.
"""

import hashlib
import importlib
import mimetypes
import os
import subprocess
import sys
import time
from pathlib import Path

from .common import EXIT_BAD_SETTINGS, DeployError, Summary, required, say, site_files, tail

TARGET = "s3"
# This target's settings and their defaults (docs/publishing.md).
SETTINGS = {"S3_BUCKET": "", "S3_ENDPOINT_URL": "", "CLOUDFRONT_DISTRIBUTION_ID": ""}

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".webmanifest": "application/manifest+json",
}
# Pages and feeds change with every post: short cache. Styles and images rarely do.
_SHORT_CACHE = "public, max-age=300"
_LONG_CACHE = "public, max-age=86400"
_SHORT_CACHE_TYPES = ("text/html", "application/xml", "application/atom+xml",
                      "application/rss+xml", "text/plain", "application/json")
# Past this many changed paths, one wildcard invalidation is cheaper than a list.
_MAX_INVALIDATION_PATHS = 50


def content_type(key):
    name = key.lower()
    if name.endswith(".atom.xml"):
        return "application/atom+xml"
    if name.endswith(".rss.xml"):
        return "application/rss+xml"
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    return _TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def cache_control(key):
    return _SHORT_CACHE if content_type(key).startswith(_SHORT_CACHE_TYPES) else _LONG_CACHE


# The order of uploads (see above); pages are what links to other files.
_STAGES = ("new assets", "changed assets", "new pages", "changed pages")
_PAGE_TYPES = ("text/html",) + _SHORT_CACHE_TYPES
REQUIREMENTS = Path(__file__).resolve().parents[2] / "requirements-s3.txt"
BASE_REQUIREMENTS = REQUIREMENTS.with_name("requirements.txt")


def stage(key, remote):
    """0-3: the place of `key` in the upload order (index into _STAGES)."""
    page = content_type(key).startswith(_PAGE_TYPES)
    return 2 * page + (key in remote)


def ensure_boto3():
    """Import boto3, installing the pinned requirements-s3.txt first if it is missing."""
    try:
        import boto3  # noqa: F401
        return
    except ImportError:
        pass
    by_hand = f"{sys.executable} -m pip install -r {REQUIREMENTS}"
    if sys.prefix == sys.base_prefix:
        # Not in a virtual environment: never install into the system's Python.
        raise DeployError(TARGET, "boto3, which S3 uploads need, is not installed",
                          f"run make publish (it uses the project's .venv), or: {by_hand}",
                          EXIT_BAD_SETTINGS)
    say(f"S3 uploads need boto3, which is not installed yet. Installing the pinned version "
        f"({REQUIREMENTS.name}) into {sys.prefix}; this happens once...")
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
           "-r", str(REQUIREMENTS)]
    if BASE_REQUIREMENTS.is_file():
        cmd += ["-c", str(BASE_REQUIREMENTS)]  # shared libraries stay at the site's pins
    result = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    importlib.invalidate_caches()
    try:
        import boto3  # noqa: F401,F811
    except ImportError:
        raise DeployError(TARGET, "boto3, which S3 uploads need, could not be installed",
                          f"your internet connection, then publish again; or install it "
                          f"by hand: {by_hand}\n  pip said: "
                          f"{tail(result.stderr + result.stdout, 4)}") from None
    say("boto3 is installed.")


def _md5(path):
    return hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()


def _explain(exc, doing, bucket, endpoint):
    """Turn a boto3/botocore exception into a DeployError a clinician can act on."""
    from botocore import exceptions as bx

    where = endpoint or "Amazon S3"
    if isinstance(exc, bx.NoCredentialsError | bx.PartialCredentialsError):
        return DeployError(TARGET, f"{doing}: no storage credentials were found",
                           "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) "
                           "as docs/publishing.md shows.")
    if isinstance(exc, bx.EndpointConnectionError | bx.ConnectTimeoutError
                  | bx.ConnectionClosedError | bx.ReadTimeoutError):
        return DeployError(TARGET, f"{doing}: could not reach {where}",
                           "S3_ENDPOINT_URL (for R2, B2 or MinIO) and your internet "
                           "connection.")
    if isinstance(exc, bx.ClientError):
        code = exc.response.get("Error", {}).get("Code", "")
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if code == "NoSuchBucket" or status == 404:
            return DeployError(TARGET, f"{doing}: the bucket {bucket!r} does not exist at "
                               f"{where}", "S3_BUCKET (spelling) and S3_ENDPOINT_URL.")
        if code in ("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
                    "InvalidToken", "ExpiredToken") or status == 403:
            return DeployError(TARGET, f"{doing}: {where} refused the request ({code})",
                               "that your access key is right and allowed to list, write "
                               f"and delete objects in the bucket {bucket!r}.")
        return DeployError(TARGET, f"{doing}: {where} answered {code or status}",
                           f"the message from the storage service: "
                           f"{exc.response.get('Error', {}).get('Message', '')}")
    if isinstance(exc, bx.ParamValidationError):
        return DeployError(TARGET, f"{doing}: a setting was refused ({exc})",
                           "S3_BUCKET: a bucket name, without s3:// or slashes.",
                           EXIT_BAD_SETTINGS)
    return DeployError(TARGET, f"{doing}: {type(exc).__name__}: {exc}",
                       "S3_BUCKET, S3_ENDPOINT_URL and your credentials.")


def _client(service, endpoint):
    import boto3
    from botocore.config import Config

    options = dict(connect_timeout=10, read_timeout=60)
    if not os.environ.get("AWS_MAX_ATTEMPTS"):  # the user's own retry setting wins
        options["retries"] = {"max_attempts": 3, "mode": "standard"}
    if endpoint:
        # S3-compatible stores work most reliably with path-style addresses and without
        # the newer optional checksums that not all of them accept.
        options.update(s3={"addressing_style": "path"},
                       request_checksum_calculation="when_required",
                       response_checksum_validation="when_required")
    # CloudFront is global and signed for us-east-1; S3 takes the usual AWS region
    # settings (any value works for R2, B2 and MinIO).
    region = "us-east-1" if service == "cloudfront" else None
    return boto3.client(service, endpoint_url=endpoint or None, region_name=region,
                        config=Config(**options))


def _remote_etags(client, bucket):
    etags = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for obj in page.get("Contents", []):
            etags[obj["Key"]] = obj["ETag"].strip('"')
    return etags


def deploy(outputdir, settings, dry_run):
    bucket = required(settings, "S3_BUCKET", TARGET, "your bucket's name, e.g. make "
                      "publish DEPLOY=s3 S3_BUCKET=www-yourpractice")
    endpoint = settings["S3_ENDPOINT_URL"].strip()
    distribution = settings["CLOUDFRONT_DISTRIBUTION_ID"].strip()
    if bucket.startswith("s3://") or "/" in bucket:
        raise DeployError(TARGET, f"S3_BUCKET={bucket!r} is not a bucket name",
                          "write the name alone, without s3:// or slashes.", EXIT_BAD_SETTINGS)
    ensure_boto3()
    from botocore.exceptions import BotoCoreError, ClientError

    say(f"Publishing to bucket {bucket} at {endpoint or 'Amazon S3'}"
        + (" - dry run, nothing will change" if dry_run else ""))
    doing = f"listing the bucket {bucket!r}"
    try:
        client = _client("s3", endpoint)
        remote = _remote_etags(client, bucket)
        local = site_files(outputdir)
        # The upload order of the module's docstring: no page reachable from the home
        # page ever points at a file that is not there yet, or no longer there.
        changed = sorted((key for key, path in local.items() if remote.get(key) != _md5(path)),
                         key=lambda k: (stage(k, remote), k))
        removed = sorted(set(remote) - set(local))
        sent = 0
        for number, key in enumerate(changed, 1):
            size = local[key].stat().st_size
            say(f"  [{number}/{len(changed)}] upload  {key} ({size} bytes; "
                f"{_STAGES[stage(key, remote)]})")
            doing = f"uploading {key}"
            if not dry_run:
                client.put_object(Bucket=bucket, Key=key, Body=local[key].read_bytes(),
                                  ContentType=content_type(key),
                                  CacheControl=cache_control(key))
            sent += size
        for key in removed:
            say(f"  delete  {key}")
        doing = "deleting files that are no longer part of the site"
        for start in range(0, 0 if dry_run else len(removed), 1000):
            batch = [{"Key": key} for key in removed[start:start + 1000]]
            answer = client.delete_objects(Bucket=bucket,
                                           Delete={"Objects": batch, "Quiet": True})
            if answer.get("Errors"):
                first = answer["Errors"][0]
                raise DeployError(TARGET, f"{doing}: {first.get('Key')}: {first.get('Code')}",
                                  "that your access key may delete objects in the bucket.")
    except (BotoCoreError, ClientError) as exc:
        raise _explain(exc, doing, bucket, endpoint) from None
    if distribution and (changed or removed) and not dry_run:
        try:
            # New keys too: CloudFront may hold a cached "not found" for an address
            # someone tried before the page existed.
            _invalidate(distribution, changed + removed)
        except (BotoCoreError, ClientError) as exc:
            raise DeployError(
                TARGET, f"the files were uploaded, but CloudFront ({distribution}) could "
                f"not be asked to refresh its copies: {exc}",
                "CLOUDFRONT_DISTRIBUTION_ID (the distribution's ID, e.g. E1ABCDEF2GHIJ) and "
                "that your access key may create invalidations. Until then visitors may see "
                "old pages; in the CloudFront console you can invalidate /* by hand.") from None
    return Summary(TARGET, len(changed), len(removed), sent, dry_run)


def _invalidate(distribution, keys):
    """Ask CloudFront to drop its cached copies of the changed paths."""
    paths = set()
    for key in keys:
        paths.add("/" + key)
        if key == "index.html" or key.endswith("/index.html"):
            paths.add("/" + key[: -len("index.html")])  # the page's clean URL
    paths = sorted(paths) if len(paths) <= _MAX_INVALIDATION_PATHS else ["/*"]
    client = _client("cloudfront", None)
    answer = client.create_invalidation(
        DistributionId=distribution,
        InvalidationBatch={"Paths": {"Quantity": len(paths), "Items": paths},
                           "CallerReference": f"make-publish-{time.time_ns()}"})
    say(f"CloudFront invalidation {answer['Invalidation']['Id']} requested for "
        f"{len(paths)} path(s).")
