#!/usr/bin/env python3
"""Generates syncrule's benchmark workload: webhook events and rule sets.

Usage:
    bench/workload/generate.py OUT_DIR [--events N] [--rules N1,N2,...] [--seed S]

Writes, into OUT_DIR (created if missing):

  events.ndjson      N webhook payloads, one compact JSON object a line: about
                     half Jira Cloud webhooks (jira:issue_created,
                     jira:issue_updated with a changelog, comment_created) and
                     half PagerDuty V3 webhooks (incident.triggered,
                     .acknowledged, .resolved, .annotated, .escalated,
                     .reassigned, .priority_updated).
  rules_N.rule       for every N of --rules, N rules named r00000, r00001, ...
                     in the syncrule language; rules_N is the first N rules of
                     the largest set, so the sets are nested prefixes.

The events follow simulated entities rather than independent draws: Jira
issues are created, then updated (status transitions along a workflow,
priority, assignee, label, summary and story-point edits) with changelog
items whose old values are the issue's previous state, and PagerDuty
incidents are triggered, then acknowledged, escalated, reassigned,
annotated and resolved. Categorical values (projects, services, statuses,
priorities, labels, users, title templates) are drawn from Zipf-like
distributions over fixed vocabularies, so a few values are common and many
are rare, as in a real tenant.

The output depends only on the arguments: the generator uses its own
SplitMix64 random number generator (not the `random` module, whose
algorithms may change between Python versions), fixed vocabularies, and
integer timestamp arithmetic, so the same arguments give byte-identical
files on every machine. It uses the Python standard library only.

See README.md beside this file for the distributions and for how the
benchmark uses the output.
"""

import argparse
import bisect
import datetime
import hashlib
import json
import os
import sys

# The defaults the benchmark uses.
DEFAULT_EVENTS = 50_000
DEFAULT_RULE_COUNTS = (10, 100, 1000, 10000)
DEFAULT_SEED = 20260131

# The simulated clock starts at this instant (UTC) and advances by a random
# gap before every event.
START_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z
MEAN_GAP_MS = 1_800

# The number of the first simulated incident: a tenant that has used
# PagerDuty for years is past incident 40,000.
FIRST_INCIDENT_NUMBER = 41_000

JIRA_SITE = "https://acme.atlassian.net"
PD_WEB = "https://acme.pagerduty.com"
PD_API = "https://api.pagerduty.com"

MASK64 = (1 << 64) - 1


# ---------------------------------------------------------------------------
# Random numbers
# ---------------------------------------------------------------------------


class Rng:
    """A SplitMix64 generator with the few draws the generator needs.

    SplitMix64 is tiny, fast enough in Python, and fully specified here, so
    the output never depends on the Python version.
    """

    def __init__(self, seed):
        # The seed is hashed so that nearby seeds give unrelated streams.
        digest = hashlib.sha256(str(seed).encode("utf-8")).digest()
        self.state = int.from_bytes(digest[:8], "little")

    def next_u64(self):
        """Returns the next 64-bit value of the stream."""
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def random(self):
        """Returns a float in [0, 1) with 53 random bits."""
        return (self.next_u64() >> 11) * (1.0 / (1 << 53))

    def below(self, n):
        """Returns an integer in [0, n), without modulo bias."""
        if n <= 0:
            raise ValueError("below() needs a positive bound")
        limit = (1 << 64) - ((1 << 64) % n)
        while True:
            x = self.next_u64()
            if x < limit:
                return x % n

    def randint(self, low, high):
        """Returns an integer in [low, high], both ends included."""
        return low + self.below(high - low + 1)

    def chance(self, p):
        """Returns True with probability p."""
        return self.random() < p

    def choice(self, seq):
        """Returns a uniformly chosen item of a non-empty sequence."""
        return seq[self.below(len(seq))]

    def sample(self, seq, k):
        """Returns k distinct items of seq, uniformly, in drawing order."""
        pool = list(seq)
        out = []
        for _ in range(min(k, len(pool))):
            out.append(pool.pop(self.below(len(pool))))
        return out

    def gap_ms(self, mean):
        """Returns a random gap of at least 1 ms whose average is about mean.

        The gap is the sum of three uniform draws (a bell shape), shortened
        four times for 30% of events to model bursts. Only +, * and / are
        used, never math.log, whose last bit may differ between C
        libraries, so the clock is the same on every platform.
        """
        total = self.random() + self.random() + self.random()
        burst = 0.25 if self.chance(0.3) else 1.0
        return 1 + int(mean * burst * total * (2.0 / 3.0))


class Weighted:
    """A distribution over items with explicit weights."""

    def __init__(self, pairs):
        self.items = [item for item, _ in pairs]
        self.cumulative = []
        total = 0.0
        for _, weight in pairs:
            total += weight
            self.cumulative.append(total)
        self.total = total

    def pick(self, rng):
        """Returns one item, drawn by weight."""
        x = rng.random() * self.total
        return self.items[min(bisect.bisect_right(self.cumulative, x),
                              len(self.items) - 1)]

    def pick_distinct(self, rng, k):
        """Returns up to k distinct items, each drawn by weight."""
        out = []
        attempts = 0
        while len(out) < min(k, len(self.items)) and attempts < 20 * k + 20:
            item = self.pick(rng)
            if item not in out:
                out.append(item)
            attempts += 1
        return out


class Zipf(Weighted):
    """A Zipf-like distribution over a fixed list of items.

    Item k (counting from 1) has weight 1 / k**s; with s near 1 the first
    item is drawn a few times more often than the second, and the tail is
    long.
    """

    def __init__(self, items, s=1.0):
        items = list(items)
        super().__init__([(item, 1.0 / (rank ** s)) for rank, item in enumerate(items, 1)])


def stable_hex(text, length):
    """Returns `length` hex digits derived from text (not from the RNG)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def stable_id(prefix, text, length=6):
    """Returns a PagerDuty-style upper-case id derived from text."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    number = int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)
    chars = []
    for _ in range(length):
        number, digit = divmod(number, len(alphabet))
        chars.append(alphabet[digit])
    return prefix + "".join(chars)


def iso_utc(ms):
    """Formats epoch milliseconds as PagerDuty does: 2026-01-31T08:00:00Z."""
    moment = datetime.datetime.fromtimestamp(ms // 1000, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_jira(ms):
    """Formats epoch milliseconds as Jira Cloud does: ...T08:00:00.123+0000."""
    moment = datetime.datetime.fromtimestamp(ms // 1000, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + ".%03d+0000" % (ms % 1000)


# ---------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------

# Jira projects as (key, name), most active first. No key is a JQL
# reserved word, so keys are written unquoted in queries.
PROJECTS = [
    ("OPS", "Operations"), ("SRE", "Site Reliability"), ("WEB", "Web Storefront"),
    ("PAY", "Payments"), ("API", "Public API"), ("MOB", "Mobile Apps"),
    ("DATA", "Data Platform"), ("INFRA", "Infrastructure"), ("SEC", "Security"),
    ("CORE", "Core Services"), ("SUP", "Customer Support"), ("PLAT", "Platform"),
    ("SRCH", "Search"), ("ML", "Machine Learning"), ("BILL", "Billing"),
    ("AUTH", "Identity"), ("NET", "Networking"), ("QA", "Quality"),
    ("DOCS", "Documentation"), ("GROW", "Growth"),
]

# Issue types as (name, id, description, hierarchy level).
ISSUE_TYPES = [
    ("Bug", "10004", "A problem or error.", 0),
    ("Task", "10002", "A small, distinct piece of work.", 0),
    ("Story", "10001", "Functionality or a feature expressed as a user goal.", 0),
    ("Incident", "10008", "A service disruption or degradation.", 0),
    ("Sub-task", "10003", "A piece of a larger task.", -1),
    ("Epic", "10000", "A large body of work.", 1),
]

# Statuses as (name, id, category key, category id, category name, colour).
STATUSES = {
    "Backlog": ("10000", "new", 2, "To Do", "blue-gray"),
    "To Do": ("10001", "new", 2, "To Do", "blue-gray"),
    "Selected for Development": ("10005", "new", 2, "To Do", "blue-gray"),
    "In Progress": ("3", "indeterminate", 4, "In Progress", "yellow"),
    "In Review": ("10006", "indeterminate", 4, "In Progress", "yellow"),
    "Blocked": ("10007", "indeterminate", 4, "In Progress", "yellow"),
    "Done": ("10002", "done", 3, "Done", "green"),
    "Closed": ("6", "done", 3, "Done", "green"),
    "Reopened": ("4", "new", 2, "To Do", "blue-gray"),
}

# The workflow: for each status, the statuses a transition leads to, most
# likely first.
WORKFLOW = {
    "Backlog": ["To Do", "Selected for Development", "In Progress", "Closed"],
    "To Do": ["In Progress", "Blocked", "Done", "Closed"],
    "Selected for Development": ["In Progress", "To Do"],
    "In Progress": ["In Review", "Done", "Blocked", "To Do"],
    "In Review": ["Done", "In Progress", "Closed"],
    "Blocked": ["In Progress", "To Do", "Closed"],
    "Done": ["Reopened", "Closed"],
    "Closed": ["Reopened"],
    "Reopened": ["In Progress", "To Do", "Done"],
}

# The status a new issue starts in.
INITIAL_STATUS = Weighted([("To Do", 6), ("Backlog", 3), ("Selected for Development", 1)])

# Priorities as (name, id); "Medium" is the default and the most common.
PRIORITIES = [("Highest", "1"), ("High", "2"), ("Medium", "3"), ("Low", "4"), ("Lowest", "5")]
PRIORITY_DIST = Weighted([("Medium", 40), ("High", 22), ("Low", 18), ("Highest", 12), ("Lowest", 8)])
PRIORITY_ID = dict(PRIORITIES)

# Labels, most used first. None is a JQL reserved word.
LABELS = [
    "customer", "regression", "backend", "frontend", "needs-triage", "outage",
    "tech-debt", "performance", "security", "flaky", "pagerduty", "oncall",
    "incident", "postmortem", "ux", "infra", "database", "mobile", "api",
    "payments", "billing", "ios", "android", "k8s", "terraform", "monitoring",
    "alerting", "latency", "cost", "compliance", "gdpr", "sev1", "sev2", "sev3",
    "hotfix", "release-blocker", "good-first-issue", "docs", "accessibility",
    "dependencies",
]

# Components, shared by all projects.
COMPONENTS = [
    "Checkout", "Login", "Search", "Cart", "Notifications", "Reporting",
    "Gateway", "Scheduler", "Storage", "Importer", "Exporter", "Admin UI",
    "Webhooks", "Mobile Shell", "Billing Engine", "Identity",
]

FIRST_NAMES = [
    "Ada", "Lin", "Sam", "Priya", "Omar", "Jonas", "Mei", "Carlos", "Fatima",
    "Noah", "Aiko", "Lucas", "Zara", "Ivan", "Grace", "Tomas", "Leila", "Ravi",
    "Emma", "Kofi", "Sofia", "Hiro", "Maya", "Diego",
]
LAST_NAMES = [
    "Lovelace", "Chen", "Okafor", "Sharma", "Haddad", "Berg", "Wong", "Silva",
    "Khan", "Müller", "Tanaka", "Moreau", "Ahmed", "Petrov", "Hopper", "Novak",
    "Rahimi", "Iyer", "Dubois", "Mensah", "García", "Sato", "Cohen", "Reyes",
]
TIME_ZONES = ["Europe/Berlin", "America/New_York", "America/Los_Angeles",
              "Asia/Tokyo", "Europe/London", "Asia/Kolkata", "America/Sao_Paulo"]

# PagerDuty services, most incidents first.
SERVICES = [
    "Checkout API", "Payments Gateway", "Search Service", "User Auth",
    "Web Frontend", "Orders DB", "Notification Service", "Inventory Service",
    "Mobile Backend", "Data Pipeline", "Kafka Cluster", "Edge Proxy",
    "Recommendation Engine", "Billing Service", "Fraud Detection", "CDN",
    "Shipping Service", "Catalog Service", "Reporting Warehouse", "Email Sender",
    "Image Resizer", "Session Store", "Feature Flags", "Audit Log",
    "Kubernetes Platform", "DNS", "VPN Gateway", "Internal Tools", "CI Runners",
    "Analytics Ingest", "Partner API", "Pricing Service", "Loyalty Service",
    "Support Portal", "Chat Service", "Video Transcoder", "Geo Service",
    "Tax Service", "Identity Provider", "Secrets Vault", "Metrics Backend",
    "Log Ingest", "Backup Jobs", "Cron Scheduler", "SMS Gateway",
    "Push Notifications", "Warehouse Sync", "Currency Rates", "Status Page",
    "Legacy Monolith",
]

TEAMS = ["Platform", "Payments", "Storefront", "Data", "Identity", "Mobile",
         "Infrastructure", "Search", "Security", "Growth", "Support Tools"]

ESCALATION_POLICIES = ["Default", "Platform On-Call", "Payments Primary",
                       "Storefront 24x7", "Data Business Hours", "Security Urgent",
                       "Mobile On-Call", "Infrastructure Follow-the-Sun"]

PD_PRIORITIES = ["P1", "P2", "P3", "P4", "P5"]
# The incident priorities: most incidents are P3/P4, and some have none.
PD_PRIORITY_DIST = Weighted([("P3", 30), ("P4", 24), ("P2", 16), ("P5", 10),
                             ("P1", 8), (None, 12)])

REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1",
           "ap-northeast-1", "sa-east-1"]
ALERTS = ["HighErrorRate", "HighLatency", "PodCrashLooping", "DiskFull",
          "NodeNotReady", "TargetDown", "KafkaConsumerLag", "CertificateExpiry",
          "ReplicationLag", "MemoryPressure", "QueueBacklog", "SLOBurnRate"]
MONITORING_CLIENTS = ["Datadog", "Prometheus Alertmanager", "New Relic",
                      "Grafana", "CloudWatch", "Sentry"]
ENDPOINTS = ["/v1/orders", "/v2/checkout", "/v1/payments/authorize", "/login",
             "/v1/search", "/api/cart/items", "/v1/users/me", "/v3/graphql",
             "/healthz", "/v1/refunds"]
LIBRARIES = ["openssl", "log4j", "react", "django", "spring-boot", "grpc",
             "protobuf", "nginx", "postgres-driver", "kafka-client"]
PLATFORMS = ["iOS 17", "Android 14", "Safari", "Chrome", "Firefox", "Edge", "iPadOS"]

# Incident title templates, most frequent first. Fields in braces are
# filled per incident; {n} is a number.
PD_TITLES = [
    "[FIRING:{k}] {alert} {slug} ({region})",
    "High error rate on {service}: {n}% 5xx over 5m",
    "Latency p99 above {ms}ms on {service}",
    "Disk usage {n}% on {host}",
    "{host} is not responding to health checks",
    "Replication lag {s}s on {slug}-db-{k}",
    "OOMKilled: {slug} restarted {k} times in 10m",
    "Queue depth {q} on {slug}-jobs",
    "Synthetic check failed: {service} login flow",
    "CPU throttling on pod {slug}-{pod}",
    "Certificate for {slug}.acme.com expires in {k} days",
    "Timeout calling {service} from {other}",
    "Error budget burn rate {k}x on {service} SLO",
    "Database connection pool exhausted on {service}",
]

# Jira summary templates, most frequent first.
JIRA_SUMMARIES = [
    "{component} returns 500 on {endpoint}",
    "Investigate {ms}ms latency regression in {service}",
    "Flaky test {test} in {component}",
    "Customer reports {problem} on {platform}",
    "Upgrade {library} to {version}",
    "Timeout calling {service} from {component}",
    "Postmortem: {service} outage on {date}",
    "Add {feature} to {component}",
    "Memory leak in {component} after {version}",
    "Crash on {platform} when opening {component}",
    "Alert noise: {alert} fires {k} times a day",
    "Document runbook for {service}",
]
PROBLEMS = ["blank page", "double charge", "slow search", "login loop",
            "missing invoice", "wrong currency", "stuck spinner", "lost cart"]
FEATURES = ["dark mode", "CSV export", "retry button", "audit trail",
            "rate limiting", "bulk edit", "SSO support", "webhook retries"]

# Sentences that descriptions are made of, as a terse bug report would be.
DESCRIPTION_SENTENCES = [
    "The service started returning errors right after the deploy.",
    "The on-call engineer rolled back while we collected logs.",
    "We saw connection resets between the gateway and the backend pool.",
    "Customers in two regions were affected for about twenty minutes.",
    "We need an alert on the saturation metric and a dashboard for queue depth.",
    "The fix is to raise the pool size and to cap retries with jitter.",
    "See the attached graphs and the linked incident for the timeline.",
    "Steps to reproduce: open the page, wait for the spinner, refresh twice.",
    "Expected the order list; got an empty table with no error message.",
    "Only happens when the cache is cold.",
    "Support has three tickets about this since Monday.",
    "Happens on about one request in a thousand.",
]


NOTE_TEMPLATES = [
    "Rolled back {slug} to the previous release; error rate is dropping. Next update in 15 minutes.",
    "Root cause looks like connection pool exhaustion on {slug}. Scaling from {k} to {n} replicas.",
    "Customer impact confirmed in {region}. Status page updated. Support has a macro for tickets.",
    "Failover to the secondary finished; replication lag is back under {k}s.",
    "Paged the database on-call. Bridge is open; please join if you own {slug}.",
    "Mitigated by disabling the feature flag {slug}-new-path. Follow-up ticket to be filed.",
]

COMMENT_TEMPLATES = [
    "Reproduced on {platform}; attaching a HAR file. Looks related to {endpoint}.",
    "This is blocking the release, raising priority. cc on-call for {service}.",
    "Fixed in the latest build, please verify in staging.",
    "Linked PagerDuty incident #{n}; same root cause as last week.",
    "Could not reproduce with version {version}. Need more details from the customer.",
    "Timeout again this morning in {region}, {ms}ms at p99.",
]



def make_users(count):
    """Returns `count` Jira Cloud accounts as (display name, account id, zone).

    The accounts are derived from the name lists, never from the seed, so
    every workload has the same people.
    """
    users = []
    for i in range(count):
        first = FIRST_NAMES[i % len(FIRST_NAMES)]
        last = LAST_NAMES[(i * 7 + i // len(FIRST_NAMES)) % len(LAST_NAMES)]
        name = first + " " + last
        users.append((name, stable_hex("account" + name, 24), TIME_ZONES[i % len(TIME_ZONES)]))
    return users


# The Jira Cloud accounts, most active first.
USERS = make_users(60)

# The PagerDuty users (name, id): the first 40 Jira users are on call too.
PD_USERS = [(name, stable_id("P", "pduser" + name)) for name, _, _ in USERS[:40]]

PROJECT_DIST = Zipf(PROJECTS, 1.1)
ISSUE_TYPE_DIST = Weighted([(ISSUE_TYPES[0], 35), (ISSUE_TYPES[1], 28), (ISSUE_TYPES[2], 18),
                            (ISSUE_TYPES[3], 9), (ISSUE_TYPES[4], 7), (ISSUE_TYPES[5], 3)])
LABEL_DIST = Zipf(LABELS, 1.0)
COMPONENT_DIST = Zipf(COMPONENTS, 1.0)
USER_DIST = Zipf(USERS, 0.9)
PD_USER_DIST = Zipf(PD_USERS, 0.9)
SERVICE_DIST = Zipf(SERVICES, 1.05)
PD_TITLE_DIST = Zipf(PD_TITLES, 0.9)
JIRA_SUMMARY_DIST = Zipf(JIRA_SUMMARIES, 0.8)
REGION_DIST = Zipf(REGIONS, 1.2)
ALERT_DIST = Zipf(ALERTS, 1.0)


def policy_of(service):
    """Returns the escalation policy a service's incidents escalate through."""
    return ESCALATION_POLICIES[SERVICES.index(service) % len(ESCALATION_POLICIES)]


def slug(name):
    """Returns a host-name-like form of a service name: "checkout-api"."""
    return name.lower().replace(" ", "-")


def fill(template, rng, service=None):
    """Fills a title, summary, note or comment template with drawn values."""
    service = service or SERVICE_DIST.pick(rng)
    values = {
        "service": service,
        "other": SERVICE_DIST.pick(rng),
        "slug": slug(service),
        "alert": ALERT_DIST.pick(rng),
        "region": REGION_DIST.pick(rng),
        "host": "ip-10-%d-%d-%d.%s.compute.internal" % (
            rng.below(32), rng.below(256), rng.below(256), REGION_DIST.pick(rng)),
        "pod": stable_hex(str(rng.next_u64()), 5),
        "k": rng.randint(2, 12),
        "n": rng.randint(5, 99),
        "ms": 50 * rng.randint(4, 80),
        "s": rng.randint(5, 900),
        "q": 1000 * rng.randint(1, 250),
        "component": COMPONENT_DIST.pick(rng),
        "endpoint": rng.choice(ENDPOINTS),
        "test": "test_" + rng.choice(["checkout", "refund", "login", "search", "export"]) + "_%d" % rng.below(40),
        "problem": rng.choice(PROBLEMS),
        "platform": rng.choice(PLATFORMS),
        "library": rng.choice(LIBRARIES),
        "version": "%d.%d.%d" % (rng.randint(1, 9), rng.below(20), rng.below(10)),
        "feature": rng.choice(FEATURES),
        "date": "2025-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28)),
    }
    return template.format(**values)


def description_text(rng):
    """Returns a description of one to four sentences, in wiki markup."""
    count = Weighted([(1, 25), (2, 35), (3, 25), (4, 15)]).pick(rng)
    return " ".join(rng.sample(DESCRIPTION_SENTENCES, count))


# ---------------------------------------------------------------------------
# Jira Cloud webhooks
# ---------------------------------------------------------------------------


def jira_user(user):
    """Returns a Jira Cloud user object for a (name, account id, zone) user."""
    name, account_id, zone = user
    return {
        "self": JIRA_SITE + "/rest/api/2/user?accountId=" + account_id,
        "accountId": account_id,
        "displayName": name,
        "active": True,
        "timeZone": zone,
        "accountType": "atlassian",
    }


class JiraIssue:
    """The current state of one simulated Jira issue."""

    def __init__(self, rng, number_id, key_number, now_ms):
        self.project = PROJECT_DIST.pick(rng)
        self.id = str(number_id)
        self.key = "%s-%d" % (self.project[0], key_number)
        self.type = ISSUE_TYPE_DIST.pick(rng)
        self.status = INITIAL_STATUS.pick(rng)
        self.priority = PRIORITY_DIST.pick(rng)
        self.labels = sorted(LABEL_DIST.pick_distinct(rng, Weighted(
            [(0, 20), (1, 35), (2, 25), (3, 13), (4, 7)]).pick(rng)))
        self.components = COMPONENT_DIST.pick_distinct(rng, rng.below(3))
        self.reporter = USER_DIST.pick(rng)
        self.assignee = USER_DIST.pick(rng) if rng.chance(0.55) else None
        self.summary = fill(JIRA_SUMMARY_DIST.pick(rng), rng)
        self.description = description_text(rng)
        self.story_points = rng.choice([None, None, 1, 2, 3, 3, 5, 5, 8, 13, 0.5])
        self.severity = rng.choice([None, None, "Sev-1", "Sev-2", "Sev-3", "Sev-3", "Sev-4"])
        self.team = rng.choice(TEAMS) if rng.chance(0.7) else None
        self.due = "2026-%02d-%02d" % (rng.randint(1, 6), rng.randint(1, 28)) if rng.chance(0.25) else None
        self.created_ms = now_ms
        self.updated_ms = now_ms
        self.status_changed_ms = now_ms
        self.resolved_ms = None

    def resolution(self):
        """Returns the resolution object, set while the issue is done."""
        if self.resolved_ms is None:
            return None
        return {"self": JIRA_SITE + "/rest/api/2/resolution/10000", "id": "10000",
                "description": "Work has been completed on this issue.", "name": "Done"}

    def fields(self):
        """Returns the webhook's `fields` object, in Jira Cloud's shape."""
        status_id, cat_key, cat_id, cat_name, colour = STATUSES[self.status]
        type_name, type_id, type_desc, level = self.type
        priority_id = PRIORITY_ID[self.priority]
        return {
            "statuscategorychangedate": iso_jira(self.status_changed_ms),
            "issuetype": {
                "self": JIRA_SITE + "/rest/api/2/issuetype/" + type_id,
                "id": type_id, "description": type_desc,
                "iconUrl": JIRA_SITE + "/images/icons/issuetypes/" + type_name.lower() + ".svg",
                "name": type_name, "subtask": level < 0, "hierarchyLevel": level,
            },
            "timespent": None,
            "project": {
                "self": JIRA_SITE + "/rest/api/2/project/" + str(10000 + PROJECTS.index(self.project)),
                "id": str(10000 + PROJECTS.index(self.project)),
                "key": self.project[0], "name": self.project[1],
                "projectTypeKey": "software", "simplified": False,
            },
            "fixVersions": [],
            "customfield_10016": self.story_points,
            "customfield_10034": None if self.severity is None else {
                "self": JIRA_SITE + "/rest/api/2/customFieldOption/" + str(10100 + int(self.severity[-1])),
                "value": self.severity, "id": str(10100 + int(self.severity[-1]))},
            "customfield_10050": self.team,
            "resolution": self.resolution(),
            "resolutiondate": None if self.resolved_ms is None else iso_jira(self.resolved_ms),
            "created": iso_jira(self.created_ms),
            "priority": {"self": JIRA_SITE + "/rest/api/2/priority/" + priority_id,
                         "iconUrl": JIRA_SITE + "/images/icons/priorities/" + self.priority.lower() + ".svg",
                         "name": self.priority, "id": priority_id},
            "labels": list(self.labels),
            "versions": [],
            "issuelinks": [],
            "assignee": None if self.assignee is None else jira_user(self.assignee),
            "updated": iso_jira(self.updated_ms),
            "status": {
                "self": JIRA_SITE + "/rest/api/2/status/" + status_id,
                "description": "", "name": self.status, "id": status_id,
                "statusCategory": {"self": JIRA_SITE + "/rest/api/2/statuscategory/%d" % cat_id,
                                   "id": cat_id, "key": cat_key, "colorName": colour, "name": cat_name},
            },
            "components": [{"self": JIRA_SITE + "/rest/api/2/component/%d" % (10000 + COMPONENTS.index(c)),
                            "id": str(10000 + COMPONENTS.index(c)), "name": c} for c in self.components],
            "description": self.description,
            "summary": self.summary,
            "creator": jira_user(self.reporter),
            "reporter": jira_user(self.reporter),
            "environment": None,
            "duedate": self.due,
        }

    def payload(self):
        """Returns the webhook's `issue` object."""
        return {"id": self.id, "self": JIRA_SITE + "/rest/api/2/issue/" + self.id,
                "key": self.key, "fields": self.fields()}

    def short_payload(self):
        """Returns the trimmed issue that Jira Cloud's comment webhooks carry."""
        full = self.fields()
        keep = ("summary", "issuetype", "project", "assignee", "priority", "status")
        return {"id": self.id, "self": JIRA_SITE + "/rest/api/2/issue/" + self.id,
                "key": self.key, "fields": {k: full[k] for k in keep}}


def changelog_item(field, from_id, from_string, to_id, to_string, field_id=None, custom=False):
    """Returns one `changelog.items` entry as Jira Cloud writes it."""
    return {"field": field, "fieldtype": "custom" if custom else "jira",
            "fieldId": field_id or field, "from": from_id, "fromString": from_string,
            "to": to_id, "toString": to_string}


# The kinds of issue edits an update carries, with their frequency.
UPDATE_KINDS = Weighted([("status", 42), ("assignee", 15), ("priority", 11), ("labels", 11),
                         ("story_points", 7), ("summary", 5), ("description", 6), ("components", 3)])


def apply_update(rng, issue, now_ms):
    """Changes the issue in one way and returns (event type name, items)."""
    kind = UPDATE_KINDS.pick(rng)
    items = []
    event_name = "issue_updated"
    if kind == "status":
        old = issue.status
        options = WORKFLOW[old]
        new = options[min(rng.below(len(options) * 2) // 2, rng.below(len(options)))]
        issue.status = new
        issue.status_changed_ms = now_ms
        items.append(changelog_item("status", STATUSES[old][0], old, STATUSES[new][0], new))
        done_now = STATUSES[new][1] == "done"
        if done_now and issue.resolved_ms is None:
            issue.resolved_ms = now_ms
            items.append(changelog_item("resolution", None, None, "10000", "Done"))
        elif not done_now and issue.resolved_ms is not None:
            issue.resolved_ms = None
            items.append(changelog_item("resolution", "10000", "Done", None, None))
        event_name = "issue_generic"
    elif kind == "assignee":
        old = issue.assignee
        new = USER_DIST.pick(rng) if rng.chance(0.9) else None
        issue.assignee = new
        items.append(changelog_item("assignee", old and old[1], old and old[0],
                                    new and new[1], new and new[0]))
        event_name = "issue_assigned"
    elif kind == "priority":
        old = issue.priority
        new = PRIORITY_DIST.pick(rng)
        if new == old:
            new = "High" if old != "High" else "Highest"
        issue.priority = new
        items.append(changelog_item("priority", PRIORITY_ID[old], old, PRIORITY_ID[new], new))
    elif kind == "labels":
        old = list(issue.labels)
        new = set(old)
        if old and rng.chance(0.35):
            new.discard(rng.choice(old))
        else:
            new.add(LABEL_DIST.pick(rng))
        issue.labels = sorted(new)
        items.append(changelog_item("labels", None, " ".join(old), None, " ".join(issue.labels)))
    elif kind == "story_points":
        old = issue.story_points
        new = rng.choice([1, 2, 3, 5, 8, 13, 21])
        issue.story_points = new
        items.append(changelog_item("Story Points", None, None if old is None else str(old), None,
                                    str(new), field_id="customfield_10016", custom=True))
    elif kind == "summary":
        old = issue.summary
        issue.summary = fill(JIRA_SUMMARY_DIST.pick(rng), rng)
        items.append(changelog_item("summary", None, old, None, issue.summary))
    elif kind == "description":
        old = issue.description
        issue.description = description_text(rng)
        items.append(changelog_item("description", None, old[:60], None, issue.description[:60]))
    else:
        old = list(issue.components)
        issue.components = COMPONENT_DIST.pick_distinct(rng, 1 + rng.below(2))
        items.append(changelog_item("Component", None, ", ".join(old), None, ", ".join(issue.components),
                                    field_id="components"))
    issue.updated_ms = now_ms
    return event_name, items


class JiraSimulator:
    """Produces Jira Cloud webhooks about a growing set of issues."""

    # The share of created, updated and commented events.
    KINDS = Weighted([("created", 20), ("updated", 72), ("comment", 8)])
    # Issues older than this many creations are no longer edited.
    WINDOW = 4000

    def __init__(self, rng):
        self.rng = rng
        self.issues = []
        self.next_id = 10000
        self.next_key = {}
        self.next_changelog = 100000
        self.next_comment = 200000

    def pick_issue(self):
        """Returns an existing issue, recent and busy ones more often."""
        recent = self.issues[-self.WINDOW:]
        # Rank 1 is the most recently created issue; the Zipf tail reaches
        # issues created long ago.
        rank = min(int(len(recent) * (self.rng.random() ** 3)), len(recent) - 1)
        return recent[len(recent) - 1 - rank]

    def event(self, now_ms):
        """Returns the next Jira webhook payload."""
        rng = self.rng
        kind = self.KINDS.pick(rng) if self.issues else "created"
        actor = USER_DIST.pick(rng)
        if kind == "created":
            self.next_id += 1
            issue = JiraIssue(rng, self.next_id, 0, now_ms)
            number = self.next_key.get(issue.project[0], 0) + 1
            self.next_key[issue.project[0]] = number
            issue.key = "%s-%d" % (issue.project[0], number)
            issue.reporter = actor
            self.issues.append(issue)
            return {"timestamp": now_ms, "webhookEvent": "jira:issue_created",
                    "issue_event_type_name": "issue_created", "user": jira_user(actor),
                    "issue": issue.payload()}
        issue = self.pick_issue()
        if kind == "comment":
            self.next_comment += 1
            body = fill(rng.choice(COMMENT_TEMPLATES), rng)
            comment_id = str(self.next_comment)
            author = jira_user(actor)
            return {"timestamp": now_ms, "webhookEvent": "comment_created",
                    "comment": {"self": JIRA_SITE + "/rest/api/2/issue/" + issue.id + "/comment/" + comment_id,
                                "id": comment_id, "author": author, "body": body,
                                "updateAuthor": author, "created": iso_jira(now_ms),
                                "updated": iso_jira(now_ms), "jsdPublic": True},
                    "issue": issue.short_payload()}
        event_name, items = apply_update(rng, issue, now_ms)
        # A second, independent edit sometimes arrives in the same event.
        if rng.chance(0.12):
            _, more = apply_update(rng, issue, now_ms)
            items.extend(more)
            event_name = "issue_updated"
        self.next_changelog += 1
        return {"timestamp": now_ms, "webhookEvent": "jira:issue_updated",
                "issue_event_type_name": event_name, "user": jira_user(actor),
                "issue": issue.payload(),
                "changelog": {"id": str(self.next_changelog), "items": items}}


# ---------------------------------------------------------------------------
# PagerDuty V3 webhooks
# ---------------------------------------------------------------------------


def pd_ref(kind, id_, summary, path):
    """Returns a PagerDuty reference object ({html_url, id, self, summary, type})."""
    return {"html_url": PD_WEB + "/" + path + "/" + id_, "id": id_,
            "self": PD_API + "/" + path + "/" + id_, "summary": summary, "type": kind + "_reference"}


def pd_user_ref(user):
    """Returns a user reference for a (name, id) PagerDuty user."""
    return pd_ref("user", user[1], user[0], "users")


class Incident:
    """The current state of one simulated PagerDuty incident."""

    def __init__(self, rng, number, now_ms):
        self.number = number
        self.id = stable_id("Q", "incident%d" % number, 13)
        self.service = SERVICE_DIST.pick(rng)
        self.title = fill(PD_TITLE_DIST.pick(rng), rng, self.service)
        self.priority = PD_PRIORITY_DIST.pick(rng)
        self.urgency = "high" if rng.chance(0.6 if self.priority != "P5" else 0.1) else "low"
        if self.priority in ("P1", "P2"):
            self.urgency = "high"
        service_index = SERVICES.index(self.service)
        self.policy = policy_of(self.service)
        self.team = TEAMS[service_index % len(TEAMS)]
        self.assignees = [PD_USER_DIST.pick(rng)]
        self.status = "triggered"
        self.created_ms = now_ms
        self.key = stable_hex("key%d" % number, 32) if rng.chance(0.5) else \
            "%s/%s/%s" % (slug(self.service), ALERT_DIST.pick(rng), REGION_DIST.pick(rng))
        self.type = "major" if self.priority == "P1" and rng.chance(0.5) else "incident_default"
        self.bridge = rng.chance(0.3 if self.urgency == "high" else 0.05)
        self.resolve_reason = None

    def data(self):
        """Returns the incident object of a V3 webhook's `event.data`."""
        service_id = stable_id("P", "service" + self.service)
        policy_id = stable_id("P", "policy" + self.policy)
        team_id = stable_id("P", "team" + self.team)
        priority = None
        if self.priority is not None:
            priority = pd_ref("priority", stable_id("P", "prio" + self.priority), self.priority, "priorities")
            priority["html_url"] = PD_WEB + "/account/incident_priorities"
        return {
            "id": self.id,
            "type": "incident",
            "self": PD_API + "/incidents/" + self.id,
            "html_url": PD_WEB + "/incidents/" + self.id,
            "number": self.number,
            "status": self.status,
            "incident_key": self.key,
            "created_at": iso_utc(self.created_ms),
            "title": self.title,
            "service": pd_ref("service", service_id, self.service, "services"),
            "assignees": [pd_user_ref(u) for u in self.assignees],
            "escalation_policy": pd_ref("escalation_policy", policy_id, self.policy, "escalation_policies"),
            "teams": [pd_ref("team", team_id, self.team, "teams")],
            "priority": priority,
            "urgency": self.urgency,
            "conference_bridge": {"conference_number": "+1-415-555-%04d,,%d#" % (self.number % 10000, 100000 + self.number % 900000),
                                  "conference_url": "https://acme.zoom.us/j/9%09d" % self.number} if self.bridge else None,
            "resolve_reason": self.resolve_reason,
            "incident_type": {"name": self.type},
        }

    def reference(self):
        """Returns the incident reference that notes and responders carry."""
        return pd_ref("incident", self.id, self.title, "incidents")


class PagerDutySimulator:
    """Produces PagerDuty V3 webhooks about a changing set of incidents."""

    # The share of each event type among PagerDuty events.
    KINDS = Weighted([("incident.triggered", 29), ("incident.acknowledged", 22),
                      ("incident.resolved", 25), ("incident.annotated", 9),
                      ("incident.escalated", 6), ("incident.reassigned", 5),
                      ("incident.priority_updated", 4)])
    # At most this many incidents stay open; the oldest is resolved first.
    MAX_OPEN = 1500

    def __init__(self, rng):
        self.rng = rng
        self.open = []
        self.recently_resolved = []
        self.next_number = FIRST_INCIDENT_NUMBER

    def pick_open(self):
        """Returns an open incident, recent ones more often."""
        rank = min(int(len(self.open) * (self.rng.random() ** 2)), len(self.open) - 1)
        return self.open[len(self.open) - 1 - rank]

    def envelope(self, event_type, now_ms, agent, data, client=None):
        """Wraps `data` in the V3 webhook envelope."""
        return {"event": {
            "id": "01" + stable_id("", "pdevent%d" % self.rng.next_u64(), 24),
            "event_type": event_type,
            "resource_type": "incident",
            "occurred_at": iso_utc(now_ms),
            "agent": agent,
            "client": client,
            "data": data,
        }}

    def event(self, now_ms):
        """Returns the next PagerDuty webhook payload."""
        rng = self.rng
        kind = self.KINDS.pick(rng)
        if len(self.open) >= self.MAX_OPEN and kind == "incident.triggered":
            kind = "incident.resolved"
        if not self.open and kind != "incident.annotated":
            kind = "incident.triggered"
        if kind == "incident.annotated" and not (self.open or self.recently_resolved):
            kind = "incident.triggered"
        user_agent = pd_user_ref(PD_USER_DIST.pick(rng))

        if kind == "incident.triggered":
            self.next_number += 1
            incident = Incident(rng, self.next_number, now_ms)
            self.open.append(incident)
            client = None
            agent = pd_ref("service", stable_id("P", "service" + incident.service),
                           incident.service, "services")
            if rng.chance(0.7):
                name = rng.choice(MONITORING_CLIENTS)
                client = {"name": name, "url": "https://monitoring.acme.com/%s/alerts/%d" % (slug(name), rng.below(10 ** 8))}
            elif rng.chance(0.5):
                agent = user_agent
            return self.envelope(kind, now_ms, agent, incident.data(), client)

        if kind == "incident.annotated":
            pool = self.open if self.open and (not self.recently_resolved or rng.chance(0.85)) \
                else self.recently_resolved
            incident = pool[len(pool) - 1 - min(int(len(pool) * rng.random() ** 2), len(pool) - 1)]
            # Responders' notes are often a few sentences of status.
            content = " ".join(fill(t, rng, incident.service)
                               for t in rng.sample(NOTE_TEMPLATES, 1 + rng.below(3)))
            if rng.chance(0.5):
                content += " Dashboard: https://grafana.acme.com/d/%s/%s?orgId=1&from=now-1h&to=now" % (
                    stable_hex(content, 9), slug(incident.service))
            data = {"incident": incident.reference(),
                    "id": stable_id("P", "note%d" % rng.next_u64(), 13),
                    "content": content, "trimmed": False, "type": "incident_note"}
            return self.envelope(kind, now_ms, user_agent, data)

        if kind == "incident.resolved":
            incident = self.open.pop(0) if len(self.open) >= self.MAX_OPEN else \
                self.open.pop(self.open.index(self.pick_open()))
            incident.status = "resolved"
            if rng.chance(0.1):
                incident.resolve_reason = {"type": "merge_resolve_reason",
                                           "incident": pd_ref("incident", stable_id("Q", "merged%d" % incident.number, 13),
                                                              incident.title, "incidents")}
            self.recently_resolved.append(incident)
            del self.recently_resolved[:-300]
            agent = user_agent if rng.chance(0.7) else pd_ref(
                "service", stable_id("P", "service" + incident.service), incident.service, "services")
            return self.envelope(kind, now_ms, agent, incident.data())

        incident = self.pick_open()
        if kind == "incident.acknowledged":
            incident.status = "acknowledged"
            incident.assignees = [PD_USER_DIST.pick(rng)]
            user_agent = pd_user_ref(incident.assignees[0])
        elif kind == "incident.escalated":
            incident.status = "triggered"
            incident.assignees = [PD_USER_DIST.pick(rng)]
            user_agent = None if rng.chance(0.6) else user_agent
        elif kind == "incident.reassigned":
            incident.assignees = PD_USER_DIST.pick_distinct(rng, 1 + rng.below(2))
        else:
            old = incident.priority
            incident.priority = rng.choice([p for p in PD_PRIORITIES if p != old])
            if incident.priority in ("P1", "P2"):
                incident.urgency = "high"
        return self.envelope(kind, now_ms, user_agent, incident.data())


def write_events(path, count, seed):
    """Writes `count` events to `path` and returns a count per event type."""
    rng = Rng("events/%s" % seed)
    jira = JiraSimulator(rng)
    pagerduty = PagerDutySimulator(rng)
    now_ms = START_MS
    counts = {}
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for _ in range(count):
            now_ms += rng.gap_ms(MEAN_GAP_MS)
            if rng.chance(0.5):
                payload = jira.event(now_ms)
                name = payload["webhookEvent"]
            else:
                payload = pagerduty.event(now_ms)
                name = payload["event"]["event_type"]
            counts[name] = counts.get(name, 0) + 1
            out.write(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
    return counts


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------

PD_EVENTS = Weighted([("pagerduty.incident.triggered", 40), ("pagerduty.incident.acknowledged", 16),
                      ("pagerduty.incident.resolved", 18), ("pagerduty.incident.escalated", 10),
                      ("pagerduty.incident.reassigned", 6), ("pagerduty.incident.priority_updated", 7),
                      ("pagerduty.incident.annotated", 3)])
# The incident status each PagerDuty event type can carry.
PD_STATUS_BY_EVENT = {
    "pagerduty.incident.triggered": ["triggered"],
    "pagerduty.incident.acknowledged": ["acknowledged"],
    "pagerduty.incident.resolved": ["resolved"],
    "pagerduty.incident.escalated": ["triggered"],
    "pagerduty.incident.reassigned": ["triggered", "acknowledged"],
    "pagerduty.incident.priority_updated": ["triggered", "acknowledged"],
}

# Rule authors write about popular values more often, but less steeply than
# events are distributed: rules also cover the long tail.
RULE_PROJECT_DIST = Zipf([p[0] for p in PROJECTS], 0.8)
RULE_SERVICE_DIST = Zipf(SERVICES, 0.8)
RULE_LABEL_DIST = Zipf(LABELS, 0.8)
RULE_STATUS_DIST = Weighted([("To Do", 14), ("In Progress", 16), ("In Review", 8), ("Blocked", 8),
                             ("Done", 14), ("Closed", 5), ("Reopened", 6), ("Backlog", 5),
                             ("Selected for Development", 2)])
RULE_TYPE_DIST = Weighted([("Bug", 40), ("Incident", 20), ("Task", 15), ("Story", 12),
                           ("Sub-task", 5), ("Epic", 3)])
RULE_PRIORITY_DIST = Weighted([("Highest", 30), ("High", 30), ("Medium", 15), ("Low", 15), ("Lowest", 10)])
RULE_PD_PRIORITY_DIST = Weighted([("P1", 35), ("P2", 28), ("P3", 18), ("P4", 12), ("P5", 7)])

# Substrings that titles and summaries contain (contains() is case-sensitive).
TITLE_WORDS = ["5xx", "Latency", "Disk usage", "FIRING", "Timeout", "OOMKilled", "Replication lag",
               "Queue depth", "Synthetic check", "Certificate", "connection pool", "health checks",
               "HighErrorRate", "PodCrashLooping", "KafkaConsumerLag", "eu-west-1", "us-east-1",
               "login flow", "burn rate", "CPU throttling"]
SUMMARY_WORDS = ["500", "latency", "Flaky", "Customer", "Upgrade", "Timeout", "Postmortem",
                 "Memory leak", "Crash", "runbook", "Alert noise", "double charge", "Checkout",
                 "Login", "openssl", "iOS", "Android", "outage"]
NOTE_WORDS = ["Rolled back", "Root cause", "Customer impact", "Failover", "feature flag", "Status page"]
COMMENT_WORDS = ["blocking the release", "Reproduced", "PagerDuty incident", "Could not reproduce",
                 "Timeout again", "staging"]

# RE2 patterns, as the pattern text (escaping for rule strings is added when
# a rule is written). Each matches a real share of titles or summaries.
TITLE_REGEXES = [
    r"(?i)latency|timeout",
    r"\[FIRING:\d+\]",
    r"p99 above [0-9]{4,}ms",
    r"Disk usage (9[0-9])%",
    r"(?i)^(high error rate|error budget)",
    r"OOMKilled: \S+ restarted ([5-9]|1[0-2]) times",
    r"\b(eu|ap)-[a-z]+-\d\b",
    r"(?i)(kafka|queue|replication)",
    r"\d{3,}\s?ms",
    r"db-\d+$",
    r"Certificate for .* expires in [2-5] days",
    r"(?i)checkout|payments?",
]
SUMMARY_REGEXES = [
    r"(?i)timeout|latency",
    r"^Postmortem: .* outage",
    r"(?i)crash|memory leak",
    r"returns 5\d\d",
    r"[0-9]{4,}ms",
    r"(?i)^upgrade (openssl|log4j)",
    r"on (iOS|Android) 1[4-7]",
    r"(?i)flaky test test_\w+_[0-9]+",
]
NOTE_REGEXES = [r"(?i)rolled back|rollback", r"replicas?", r"lag is back under \d+s"]


def rule_string(text):
    """Returns text as a syncrule string literal, with escapes."""
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")
    return '"' + out + '"'


def rule_list(values):
    """Returns a syncrule list literal of strings."""
    return "[" + ", ".join(rule_string(v) for v in values) + "]"


def jql_value(value):
    """Returns a JQL operand, quoted when it is not a plain word."""
    plain = value.replace("-", "").replace("_", "").isalnum() and value[0].isalpha()
    return value if plain else '"' + value + '"'


class RuleWriter:
    """Draws rules from one seeded stream, one at a time."""

    # The kinds of rules and their share. "text" kinds use only contains()
    # and `matches`; "opaque" kinds use only conditions no index can use.
    KINDS = Weighted([
        ("jira_jql", 38), ("jira_changed", 3), ("jira_comment", 2), ("jira_text", 7), ("jira_opaque", 2),
        ("pd_typed", 37), ("pd_text", 7), ("pd_note", 2), ("pd_opaque", 2),
    ])

    def __init__(self, seed):
        self.rng = Rng("rules/%s" % seed)
        # The services the PagerDuty rule being drawn names, if any.
        self.services = []

    # -- Jira ---------------------------------------------------------------

    def jira_triggers(self):
        """Returns the issue events a Jira rule runs on."""
        pick = self.rng.random()
        if pick < 0.45:
            return ["jira.issue.created", "jira.issue.updated"]
        if pick < 0.8:
            return ["jira.issue.updated"]
        return ["jira.issue.created"]

    def jql_clause(self, kind, created_only=False, negative_ok=False):
        """Returns one JQL clause on the given field kind.

        A rule that runs only on created issues tests the statuses issues
        are created in; the others test any status. Negative clauses
        (`!=`, `NOT IN`, `NOT`) are drawn only when negative_ok is true:
        rule authors narrow a positive query with them, and a query that is
        only a negation would match almost every issue.
        """
        rng = self.rng

        def values(dist, k):
            out = []
            for _ in range(40):
                if len(out) == k:
                    break
                v = dist.pick(rng)
                if v not in out:
                    out.append(v)
            return out

        field, dist = {
            "project": ("project", RULE_PROJECT_DIST),
            "status": ("status", INITIAL_STATUS if created_only else RULE_STATUS_DIST),
            "priority": ("priority", RULE_PRIORITY_DIST),
            "type": ("issuetype", RULE_TYPE_DIST),
            "labels": ("labels", RULE_LABEL_DIST),
        }[kind]
        shape = rng.random()
        if negative_ok and shape < 0.25:
            negative = rng.random()
            if negative < 0.45:
                return "%s != %s" % (field, jql_value(dist.pick(rng)))
            if negative < 0.8:
                picked = values(dist, 2)
                return "%s NOT IN (%s)" % (field, ", ".join(jql_value(v) for v in picked))
            return "NOT %s = %s" % (field, jql_value(dist.pick(rng)))
        if rng.chance(0.7):
            return "%s = %s" % (field, jql_value(dist.pick(rng)))
        picked = values(dist, 2 if rng.chance(0.7) else 3)
        return "%s IN (%s)" % (field, ", ".join(jql_value(v) for v in picked))

    def jql(self, triggers):
        """Returns a query of one to four clauses, sometimes with OR.

        The first clause is always positive (usually the project); later
        clauses are sometimes negative, and sometimes two of them become
        alternatives (A AND (B OR C)) or the query gains an OR branch.
        """
        rng = self.rng
        created_only = triggers == ["jira.issue.created"]
        kinds = []
        if rng.chance(0.8):
            kinds.append("project")
        for kind, p in (("status", 0.45), ("priority", 0.5), ("type", 0.35), ("labels", 0.3)):
            if rng.chance(p):
                kinds.append(kind)
        if not kinds:
            kinds.append(rng.choice(["priority", "labels", "status", "type"]))
        if len(kinds) == 1 and rng.chance(0.6):
            kinds.append(rng.choice([k for k in ("priority", "labels", "status", "type") if k != kinds[0]]))
        clauses = [self.jql_clause(k, created_only, negative_ok=(i > 0 and rng.chance(0.3)))
                   for i, k in enumerate(kinds)]
        if len(clauses) >= 3 and rng.chance(0.2):
            # The last two clauses become alternatives: A AND (B OR C).
            alternatives = [self.jql_clause(k, created_only) for k in kinds[-2:]]
            clauses = clauses[:-2] + ["(%s OR %s)" % tuple(alternatives)]
        elif len(clauses) >= 2 and rng.chance(0.06):
            # The query gains a second, narrow branch: (A AND B) OR (C AND D).
            branch = [self.jql_clause("project", created_only),
                      self.jql_clause(rng.choice(["labels", "priority", "type"]), created_only)]
            return "(%s) OR (%s)" % (" AND ".join(clauses), " AND ".join(branch))
        return " AND ".join(clauses)

    def summary_text_condition(self):
        """Returns a contains() or `matches` condition on the issue summary."""
        rng = self.rng
        if rng.chance(0.55):
            return "contains(issue.summary, %s)" % rule_string(rng.choice(SUMMARY_WORDS))
        return "issue.summary matches %s" % rule_string(rng.choice(SUMMARY_REGEXES))

    def jira_action(self, name):
        """Returns a `do` line for a rule on Jira issue events."""
        rng = self.rng
        pick = rng.random()
        if pick < 0.7:
            body = rng.choice([
                "%s: ${issue.key} is ${issue.status} at ${issue.priority}." % name,
                "%s: please triage ${issue.key} (${issue.type}) in ${issue.project}." % name,
                "%s: labels are now ${join(issue.labels, \", \")}." % name,
            ])
            # The body holds no backslash, and its only double quotes are
            # inside ${...}, where the language allows strings of their own.
            return 'do jira.comment(body = "%s")' % body
        if pick < 0.85:
            return 'do jira.set_fields(fields = {"customfield_10050": %s})' % rule_string(rng.choice(TEAMS))
        if pick < 0.93:
            return "do jira.assign(assignee = %s)" % rule_string(USER_DIST.pick(rng)[0])
        return ("do pagerduty.create_incident(service = %s, title = \"[${issue.key}] ${issue.summary}\", "
                "urgency = \"high\", dedup_key = issue.key)" % rule_string(RULE_SERVICE_DIST.pick(rng)))

    def jira_rule(self, name, kind):
        """Returns the body lines of a rule on Jira events."""
        rng = self.rng
        lines = []
        if kind == "jira_comment":
            lines.append("on jira.comment.created")
            lines.append("match jql `%s`" % self.jql_clause("project"))
            if rng.chance(0.6):
                lines.append("when contains(comment.body, %s)" % rule_string(rng.choice(COMMENT_WORDS)))
            lines.append("do jira.comment(body = \"%s: noted the comment by ${comment.author.displayName}.\")" % name)
            return lines
        if kind == "jira_changed":
            lines.append("on jira.issue.updated")
            if rng.chance(0.6):
                lines.append("match jql `%s`" % self.jql_clause("project"))
            shape = rng.random()
            if shape < 0.5:
                lines.append("when issue.status changed to %s" % rule_string(RULE_STATUS_DIST.pick(rng)))
            elif shape < 0.8:
                lines.append("when issue.priority changed to %s" % rule_string(RULE_PRIORITY_DIST.pick(rng)))
            else:
                lines.append("when issue.assignee changed")
            lines.append(self.jira_action(name))
            return lines
        triggers = self.jira_triggers()
        lines.append("on " + ", ".join(triggers))
        if kind == "jira_jql":
            becomes = "jira.issue.updated" in triggers and rng.chance(0.18)
            lines.append("match jql `%s`%s" % (self.jql(triggers), " becomes true" if becomes else ""))
            extra = rng.random()
            if extra < 0.12:
                lines.append("when " + self.summary_text_condition())
            elif extra < 0.17:
                lines.append('when "customer" in issue.labels or issue.priority == "Highest"')
        elif kind == "jira_text":
            condition = self.summary_text_condition()
            if rng.chance(0.15):
                condition = "%s or %s" % (condition, self.summary_text_condition())
            lines.append("when " + condition)
        else:
            lines.append("when " + rng.choice([
                "issue.fields.customfield_10016 >= %d" % rng.choice([5, 8, 13]),
                "len(issue.labels) >= %d" % rng.randint(3, 4),
                "not (issue.priority in [\"Medium\", \"Low\", \"Lowest\"])",
                "issue.updated > add_duration(issue.created, \"%dd\")" % rng.randint(1, 10),
                "len(issue.summary) > %d" % rng.choice([48, 56, 64]),
            ]))
        lines.append(self.jira_action(name))
        return lines

    # -- PagerDuty ----------------------------------------------------------

    def pd_triggers(self, allow_note):
        """Returns one to three distinct PagerDuty event types."""
        rng = self.rng
        count = Weighted([(1, 55), (2, 32), (3, 13)]).pick(rng)
        out = []
        for _ in range(30):
            if len(out) == count:
                break
            event = PD_EVENTS.pick(rng)
            if event == "pagerduty.incident.annotated" and not allow_note:
                continue
            if event not in out:
                out.append(event)
        return out

    def pd_predicate(self, kind, triggers):
        """Returns one condition on incident fields."""
        rng = self.rng
        if kind == "service":
            self.services = [RULE_SERVICE_DIST.pick(rng)]
            return "incident.service.name == %s" % rule_string(self.services[0])
        if kind == "services":
            self.services = RULE_SERVICE_DIST.pick_distinct(rng, rng.randint(2, 4))
            return "incident.service.name in %s" % rule_list(self.services)
        if kind == "priority":
            if rng.chance(0.5):
                return "incident.priority == %s" % rule_string(RULE_PD_PRIORITY_DIST.pick(rng))
            picked = sorted(set(RULE_PD_PRIORITY_DIST.pick(rng) for _ in range(3)))
            return "incident.priority in %s" % rule_list(picked)
        if kind == "urgency":
            return 'incident.urgency == "%s"' % ("high" if rng.chance(0.75) else "low")
        if kind == "status":
            statuses = []
            for trigger in triggers:
                for status in PD_STATUS_BY_EVENT.get(trigger, []):
                    if status not in statuses:
                        statuses.append(status)
            return "incident.status == %s" % rule_string(rng.choice(statuses or ["triggered"]))
        if kind == "team":
            # Authors who name services usually name the policy one of them
            # escalates through.
            if self.services and rng.chance(0.8):
                return "incident.escalation_policy.name == %s" % rule_string(
                    policy_of(rng.choice(self.services)))
            return "incident.escalation_policy.name == %s" % rule_string(rng.choice(ESCALATION_POLICIES))
        if kind == "contains":
            return "contains(incident.title, %s)" % rule_string(rng.choice(TITLE_WORDS))
        return "incident.title matches %s" % rule_string(rng.choice(TITLE_REGEXES))

    # The conditions that narrow a typed PagerDuty rule, with their share.
    PD_PREDICATES = Weighted([("priority", 36), ("urgency", 26), ("status", 8), ("team", 12),
                              ("contains", 12), ("regex", 6)])

    def pd_action(self, name, triggers):
        """Returns a `do` line for a rule on PagerDuty events."""
        rng = self.rng
        pick = rng.random()
        if pick < 0.75 or "pagerduty.incident.annotated" in triggers:
            content = rng.choice([
                "%s: #${incident.number} on ${incident.service.name} is ${incident.status}." % name,
                "%s: ${event.type} for ${incident.title}" % name,
                "%s: escalate per runbook for ${incident.service.name}." % name,
            ])
            if "pagerduty.incident.annotated" in triggers:
                content = "%s: saw note on ${incident.title}" % name
            return 'do pagerduty.add_note(content = "%s")' % content
        if pick < 0.9:
            return ('do jira.create_issue(project = %s, type = "Incident", summary = incident.title, '
                    'labels = ["pagerduty"])' % rule_string(RULE_PROJECT_DIST.pick(rng)))
        return 'do jira.comment(body = "%s: ${incident.title} (${incident.html_url})")' % name

    def pd_rule(self, name, kind):
        """Returns the body lines of a rule on PagerDuty events."""
        rng = self.rng
        lines = []
        if kind == "pd_note":
            lines.append("on pagerduty.incident.annotated")
            if rng.chance(0.6):
                lines.append("when contains(note.content, %s)" % rule_string(rng.choice(NOTE_WORDS)))
            else:
                lines.append("when note.content matches %s" % rule_string(rng.choice(NOTE_REGEXES)))
            lines.append(self.pd_action(name, ["pagerduty.incident.annotated"]))
            return lines
        triggers = self.pd_triggers(allow_note=(kind == "pd_text"))
        lines.append("on " + ", ".join(triggers))
        if kind == "pd_text":
            parts = [self.pd_predicate("contains" if rng.chance(0.5) else "regex", triggers)]
            if rng.chance(0.2):
                parts.append(self.pd_predicate("contains" if rng.chance(0.5) else "regex", triggers))
                lines.append("when %s %s %s" % (parts[0], "or" if rng.chance(0.6) else "and", parts[1]))
            else:
                lines.append("when " + parts[0])
        elif kind == "pd_opaque":
            # Conditions no index can serve: ranges, negations, lengths.
            newest = FIRST_INCIDENT_NUMBER + 500 * rng.randint(10, 14)
            lines.append("when " + rng.choice([
                "incident.number > %d" % newest,
                'not (incident.urgency == "high") and incident.number > %d' % newest,
                'incident.priority != "%s" and len(incident.title) > 60' % RULE_PD_PRIORITY_DIST.pick(rng),
                "len(incident.assignees) >= 2",
                "len(incident.title) > %d" % rng.choice([60, 65, 70]),
                "not (incident.status in [\"triggered\", \"acknowledged\"])",
            ]))
        else:
            # Most typed rules are scoped to one or a few services, then
            # narrowed by priority, urgency, status, policy or title.
            chosen = []
            self.services = []
            if rng.chance(0.75):
                chosen.append("service" if rng.chance(0.72) else "services")
                extra = Weighted([(0, 30), (1, 45), (2, 25)]).pick(rng)
            else:
                # Without a service, the rule is anchored on a condition
                # that narrows by itself (not on the status alone).
                chosen.append(Weighted([("priority", 40), ("team", 25), ("contains", 20),
                                        ("regex", 15)]).pick(rng))
                extra = Weighted([(0, 45), (1, 55)]).pick(rng)
            for _ in range(20):
                if len(chosen) == 1 + extra:
                    break
                predicate_kind = self.PD_PREDICATES.pick(rng)
                if predicate_kind not in chosen:
                    chosen.append(predicate_kind)
            predicates = [self.pd_predicate(k, triggers) for k in chosen]
            shape = rng.random()
            if len(predicates) >= 2 and shape < 0.1:
                # The last condition gains an alternative: S and (A or B).
                # The first condition stays outside, so the rule keeps its
                # scope.
                other = chosen[-1]
                while other == chosen[-1]:
                    other = self.PD_PREDICATES.pick(rng)
                predicates[-1] = "(%s or %s)" % (predicates[-1], self.pd_predicate(other, triggers))
            elif len(predicates) >= 1 and shape < 0.15:
                predicates.append('not (incident.urgency == "low")' if "urgency" not in chosen
                                  else 'not (incident.priority == "P5")')
            lines.append("when " + " and ".join(predicates))
        lines.append(self.pd_action(name, triggers))
        return lines

    def rule(self, index):
        """Returns the text of rule number `index`."""
        name = "r%05d" % index
        kind = self.KINDS.pick(self.rng)
        if kind.startswith("jira"):
            lines = self.jira_rule(name, kind)
        else:
            lines = self.pd_rule(name, kind)
        return 'rule "%s" {\n%s\n}\n' % (name, "\n".join("  " + line for line in lines))


def write_rules(out_dir, counts, seed):
    """Writes rules_N.rule for every N in counts, as prefixes of one stream."""
    writer = RuleWriter(seed)
    total = max(counts)
    rules = [writer.rule(i) for i in range(total)]
    for n in sorted(set(counts)):
        header = ("# %d generated benchmark rules (bench/workload/generate.py, seed %s).\n"
                  "# Do not edit: re-run the generator.\n\n" % (n, seed))
        path = os.path.join(out_dir, "rules_%d.rule" % n)
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            out.write(header)
            out.write("\n".join(rules[:n]))


def parse_counts(text):
    """Parses "10,100,1000" into a list of positive integers."""
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("rule counts must be integers, as 10,100,1000")
    if not counts or any(n <= 0 or n > 1_000_000 for n in counts):
        raise argparse.ArgumentTypeError("rule counts must be between 1 and 1000000")
    return counts


def main(argv):
    parser = argparse.ArgumentParser(
        description="Writes syncrule's benchmark events (events.ndjson) and rule sets (rules_N.rule).")
    parser.add_argument("out_dir", metavar="OUT_DIR", help="directory to write into (created if missing)")
    parser.add_argument("--events", type=int, default=DEFAULT_EVENTS, metavar="N",
                        help="number of webhook payloads (default %(default)s)")
    parser.add_argument("--rules", type=parse_counts, default=list(DEFAULT_RULE_COUNTS), metavar="N1,N2,...",
                        help="rule set sizes (default 10,100,1000,10000)")
    parser.add_argument("--seed", default=str(DEFAULT_SEED), metavar="S",
                        help="seed of the random streams (default %(default)s)")
    args = parser.parse_args(argv)
    if args.events < 0:
        parser.error("--events must not be negative")
    os.makedirs(args.out_dir, exist_ok=True)
    counts = write_events(os.path.join(args.out_dir, "events.ndjson"), args.events, args.seed)
    write_rules(args.out_dir, args.rules, args.seed)
    # One summary line, so that `make bench` logs show what was generated.
    mix = ", ".join("%s %d" % (name, n) for name, n in sorted(counts.items()))
    print("generate.py: %s: %d events (%s); rules_{%s}.rule" % (
        args.out_dir, args.events, mix or "none", ",".join(str(n) for n in sorted(set(args.rules)))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
