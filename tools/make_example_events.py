#!/usr/bin/env python3
"""Writes the event streams of the examples (examples/*/events.ndjson).

The payloads follow the shapes of real webhooks (PagerDuty V3, Jira Cloud and
Server, Flashduty, GitLab, Alertmanager; see tests/fixtures) with made-up
values. Run it after changing a stream; the output is committed.
"""
import copy
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIX = os.path.join(ROOT, "tests", "fixtures")


def load(path):
    with open(os.path.join(FIX, path)) as f:
        return json.load(f)


def write(example, events):
    with open(os.path.join(ROOT, "examples", example, "events.ndjson"), "w") as out:
        for e in events:
            out.write(json.dumps(e, separators=(",", ":"), ensure_ascii=False) + "\n")


# PagerDuty V3 -------------------------------------------------------------
PD_BASE = load("pagerduty/webhooks_v3/go_pagerduty/incident.priority_updated.signed_body.json")
PD_USERS = {
    "ada": ("PADA001", "Ada Operator", "ada@example.com"),
    "lin": ("PLIN002", "Lin Responder", "lin@example.com"),
}


def pd_event(n, kind, incident_id, number, title, status, urgency, priority, when,
             agent="ada", service=("PSRE001", "Checkout API"), assignee="ada", extra=None):
    e = copy.deepcopy(PD_BASE)
    ev = e["event"]
    ev["id"] = "01SYNCEXAMPLE%014d" % n
    ev["event_type"] = "incident." + kind
    ev["occurred_at"] = when
    uid, name, _ = PD_USERS[agent]
    ev["agent"] = {"html_url": "https://acme.pagerduty.com/users/" + uid, "id": uid,
                   "self": "https://api.pagerduty.com/users/" + uid, "summary": name, "type": "user_reference"}
    d = ev["data"]
    d["id"] = incident_id
    d["self"] = "https://api.pagerduty.com/incidents/" + incident_id
    d["html_url"] = "https://acme.pagerduty.com/incidents/" + incident_id
    d["number"] = number
    d["status"] = status
    d["title"] = title
    d["urgency"] = urgency
    d["service"] = {"html_url": "https://acme.pagerduty.com/services/" + service[0], "id": service[0],
                    "self": "https://api.pagerduty.com/services/" + service[0], "summary": service[1],
                    "type": "service_reference"}
    aid, aname, _ = PD_USERS[assignee]
    d["assignees"] = [{"html_url": "https://acme.pagerduty.com/users/" + aid, "id": aid,
                       "self": "https://api.pagerduty.com/users/" + aid, "summary": aname, "type": "user_reference"}]
    if priority is None:
        d["priority"] = None
    else:
        d["priority"] = dict(d["priority"] or {}, summary=priority, id="PPRI00" + priority[-1])
    d["created_at"] = "2026-01-31T08:00:00Z"
    if extra:
        d.update(extra)
    return e


def pd_note(n, incident_id, title, content, when, agent="lin"):
    uid, name, _ = PD_USERS[agent]
    return {"event": {
        "id": "01SYNCEXAMPLE%014d" % n, "event_type": "incident.annotated", "resource_type": "incident",
        "occurred_at": when,
        "agent": {"html_url": "https://acme.pagerduty.com/users/" + uid, "id": uid,
                  "self": "https://api.pagerduty.com/users/" + uid, "summary": name, "type": "user_reference"},
        "client": None,
        "data": {"incident": {"html_url": "https://acme.pagerduty.com/incidents/" + incident_id, "id": incident_id,
                              "self": "https://api.pagerduty.com/incidents/" + incident_id, "summary": title,
                              "type": "incident_reference"},
                 "id": "PNOTE%03d" % n, "content": content, "trimmed": False, "type": "incident_note"}}}


# Jira ---------------------------------------------------------------------
JIRA_USERS = {
    "ada": {"accountId": "557058:ada", "name": "ada", "key": "ada", "emailAddress": "ada@example.com", "displayName": "Ada Operator"},
    "lin": {"accountId": "557058:lin", "name": "lin", "key": "lin", "emailAddress": "lin@example.com", "displayName": "Lin Responder"},
    "sam": {"accountId": "557058:sam", "name": "sam", "key": "sam", "emailAddress": "sam@example.com", "displayName": "Sam Developer"},
}
STATUSES = {"To Do": ("10000", "new", 2, "To Do"), "In Progress": ("3", "indeterminate", 4, "In Progress"),
            "Done": ("10001", "done", 3, "Done"), "Open": ("1", "new", 2, "To Do")}
PRIORITIES = {"Highest": "1", "High": "2", "Medium": "3", "Low": "4", "Lowest": "5"}


def jira_user(u, base="https://acme.atlassian.net"):
    d = dict(JIRA_USERS[u])
    d["self"] = base + "/rest/api/2/user?accountId=" + d["accountId"]
    d["active"] = True
    return d


def jira_issue(num, key, summary, status, priority, itype="Bug", labels=(), assignee=None, reporter="sam",
               description=None, created="2026-01-31T09:00:00.000+0000", base="https://acme.atlassian.net"):
    sid, skey, scid, sname = STATUSES[status]
    project = key.split("-")[0]
    return {"id": str(10000 + num), "self": base + "/rest/api/2/issue/" + str(10000 + num), "key": key,
            "fields": {
                "summary": summary, "description": description,
                "status": {"self": base + "/rest/api/2/status/" + sid, "id": sid, "name": status,
                           "statusCategory": {"id": scid, "key": skey, "name": sname, "colorName": "blue-gray"}},
                "priority": {"self": base + "/rest/api/2/priority/" + PRIORITIES[priority], "id": PRIORITIES[priority], "name": priority},
                "issuetype": {"id": "10004", "name": itype, "subtask": False},
                "project": {"id": "100%02d" % (ord(project[0]) - 64), "key": project, "name": project.title() + " Project",
                            "projectTypeKey": "software"},
                "labels": list(labels), "components": [], "fixVersions": [],
                "assignee": jira_user(assignee, base) if assignee else None,
                "reporter": jira_user(reporter, base), "creator": jira_user(reporter, base),
                "created": created, "updated": created, "resolution": None, "resolutiondate": None, "duedate": None,
                "environment": None, "votes": {"votes": 0, "hasVoted": False}, "watches": {"watchCount": 1, "isWatching": False}}}


def jira_webhook(event, issue, ts, user="sam", items=None, comment=None, issue_event=None):
    e = {"timestamp": ts, "webhookEvent": event, "user": jira_user(user), "issue": issue}
    if issue_event:
        e["issue_event_type_name"] = issue_event
    if items is not None:
        e["changelog"] = {"id": str(ts % 100000), "items": items}
    if comment is not None:
        e["comment"] = comment
    return e


def status_change(issue, new_status):
    old = issue["fields"]["status"]
    sid, skey, scid, sname = STATUSES[new_status]
    issue = copy.deepcopy(issue)
    issue["fields"]["status"] = {"self": old["self"].rsplit("/", 1)[0] + "/" + sid, "id": sid, "name": new_status,
                                 "statusCategory": {"id": scid, "key": skey, "name": sname, "colorName": "green"}}
    item = {"field": "status", "fieldtype": "jira", "fieldId": "status", "from": old["id"], "fromString": old["name"],
            "to": sid, "toString": new_status}
    return issue, item


def comment(cid, body, author="sam", when="2026-01-31T10:30:00.000+0000"):
    return {"self": "https://acme.atlassian.net/rest/api/2/issue/10001/comment/" + cid, "id": cid,
            "author": jira_user(author), "body": body, "updateAuthor": jira_user(author), "created": when, "updated": when}


def pagerduty_jira_cloud():
    q1 = ("Q1CHECKOUT502", 101, "Checkout API returns 502")
    q2 = ("Q2LOWURGENCY", 102, "Nightly report is late")
    q3 = ("Q3RESOLVEDFAST", 103, "Disk usage alert on db-03")
    events = [
        pd_event(1, "triggered", *q1, "triggered", "high", "P1", "2026-01-31T08:00:00Z"),
        pd_event(2, "triggered", *q2, "triggered", "low", "P4", "2026-01-31T08:01:00Z"),
        pd_event(3, "acknowledged", *q1, "acknowledged", "high", "P1", "2026-01-31T08:05:00Z"),
        pd_event(4, "priority_updated", *q1, "acknowledged", "high", "P2", "2026-01-31T08:06:00Z"),
        pd_event(5, "resolved", *q3, "resolved", "high", "P3", "2026-01-31T08:07:00Z"),
        pd_event(6, "triggered", *q1, "acknowledged", "high", "P2", "2026-01-31T08:08:00Z"),
        pd_event(7, "resolved", *q1, "resolved", "high", "P2", "2026-01-31T08:30:00Z"),
    ]
    sre = jira_issue(1, "SRE-201", "Payment retries exhaust the connection pool", "To Do", "High",
                     labels=["payments"], reporter="sam")
    web = jira_issue(2, "WEB-77", "Footer link is broken", "To Do", "Low")
    sre_low = jira_issue(3, "SRE-202", "Tidy up dashboards", "To Do", "Low")
    events += [jira_webhook("jira:issue_created", sre, 1769851200000, issue_event="issue_created"),
               jira_webhook("jira:issue_created", web, 1769851260000, issue_event="issue_created"),
               jira_webhook("jira:issue_created", sre_low, 1769851320000, issue_event="issue_created")]
    write("pagerduty-jira-cloud", events)
    # The manual rule's input for `syncrule fire`.
    with open(os.path.join(ROOT, "examples", "pagerduty-jira-cloud", "manual-event.json"), "w") as out:
        json.dump(pd_event(8, "triggered", *q2, "triggered", "low", "P4", "2026-01-31T09:00:00Z"), out, indent=1)


def pagerduty_jira_server():
    base = "https://jira.acme.internal"
    q4 = ("Q4DBFAILOVER", 201, "Primary database failover")
    q5 = ("Q5LOWPRIO", 202, "Certificate expires in 20 days")
    events = [
        pd_event(11, "triggered", *q4, "triggered", "high", "P1", "2026-01-31T08:00:00Z", assignee="lin"),
        pd_event(12, "triggered", *q5, "triggered", "low", "P5", "2026-01-31T08:01:00Z"),
        pd_event(13, "escalated", *q4, "triggered", "high", "P1", "2026-01-31T08:03:00Z", assignee="lin"),
        pd_event(14, "acknowledged", *q4, "acknowledged", "high", "P1", "2026-01-31T08:04:00Z", agent="lin", assignee="lin"),
        pd_note(15, q4[0], q4[2], "Failover finished; replication lag is back to normal.", "2026-01-31T08:20:00Z"),
    ]
    ops = jira_issue(11, "OPS-900", "Orders stuck in pending", "Open", "Highest", reporter="sam", base=base)
    events.append(jira_webhook("jira:issue_created", ops, 1769851000000, issue_event="issue_created"))
    ops_prog, item = status_change(ops, "In Progress")
    events.append(jira_webhook("jira:issue_updated", ops_prog, 1769851100000, items=[item], issue_event="issue_generic"))
    ops_label = copy.deepcopy(ops_prog)
    ops_label["fields"]["labels"] = ["customer-impact"]
    events.append(jira_webhook("jira:issue_updated", ops_label, 1769851150000,
                               items=[{"field": "labels", "fieldtype": "jira", "fieldId": "labels", "from": None,
                                       "fromString": "", "to": None, "toString": "customer-impact"}],
                               issue_event="issue_updated"))
    ops_done, item = status_change(ops_label, "Done")
    events.append(jira_webhook("jira:issue_updated", ops_done, 1769851200000, items=[item], issue_event="issue_generic"))
    events.append(jira_webhook("comment_created", ops_done, 1769851300000, user="sam",
                               comment=comment("20001", "Root cause: a stuck consumer; fixed in release 42.")))
    write("pagerduty-jira-server", events)


def flashduty_event(n, code, incident_id, title, severity, progress, channel=(3104000000100, "Checkout"),
                    labels=None, when=1769846400000):
    e = load("flashduty/own/incident_i_new.json")
    e["event_id"] = "fdexample%023d" % n
    e["event_type"] = code
    e["event_time"] = when
    inc = e["incident"]
    inc["incident_id"] = incident_id
    inc["title"] = title
    inc["incident_severity"] = severity
    inc["progress"] = progress
    inc["channel_id"], inc["channel_name"] = channel
    inc["labels"] = labels or {"service": "checkout-api", "env": "prod"}
    inc["detail_url"] = "https://console.flashcat.cloud/incident/detail/" + incident_id
    return e


def flashduty_jira_sync():
    events = [
        flashduty_event(1, "i_new", "66a000000000000000000001", "Checkout 5xx above 2%", "Critical", "Triggered"),
        flashduty_event(2, "i_new", "66a000000000000000000002", "Search latency high", "Warning", "Triggered",
                        channel=(3104000000200, "Search")),
        flashduty_event(3, "i_ack", "66a000000000000000000001", "Checkout 5xx above 2%", "Critical", "Processing",
                        when=1769846700000),
        flashduty_event(4, "i_r_title", "66a000000000000000000001", "Checkout 5xx above 5%", "Critical", "Processing",
                        when=1769846760000),
        flashduty_event(5, "i_comm", "66a000000000000000000001", "Checkout 5xx above 5%", "Critical", "Processing",
                        when=1769846800000),
        flashduty_event(6, "i_rslv", "66a000000000000000000001", "Checkout 5xx above 5%", "Critical", "Closed",
                        when=1769847000000),
    ]
    events[4]["incident"]["comment"] = "Rolled back the deploy."
    write("flashduty-jira-sync", events)


def gitlab_jira():
    push = load("gitlab/webhooks_go_gitlab/push.json")
    push["commits"] = push["commits"][:2]
    push["commits"][0]["message"] = "Fix retry storm in the payment client\n\nRefs SRE-201 and OPS-900."
    push["commits"][0]["id"] = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
    push["commits"][0]["url"] = "http://example.com/mike/diaspora/commit/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
    push["commits"][1]["message"] = "Closes SRE-202: remove stale dashboards"
    push["commits"][1]["id"] = "b2c3d4e5f60718293a4b5c6d7e8f901234567890"
    push["commits"][1]["url"] = "http://example.com/mike/diaspora/commit/b2c3d4e5f60718293a4b5c6d7e8f901234567890"
    push["total_commits_count"] = 2
    mr = load("gitlab/webhooks_go_gitlab/merge_request.json")
    mr["object_attributes"]["title"] = "OPS-900: drain stuck consumers on shutdown"
    mr["object_attributes"]["description"] = "Fixes OPS-900. Also touches WEB-77 (no behaviour change)."
    mr["object_attributes"]["action"] = "merge"
    mr["object_attributes"]["state"] = "merged"
    plain = load("gitlab/webhooks_go_gitlab/push.json")
    plain["commits"] = plain["commits"][:1]
    plain["commits"][0]["message"] = "Update README"
    write("gitlab-jira", [push, mr, plain])


def alertmanager_jira():
    alert = load("alertmanager/webhooks_zulip/" + sorted(os.listdir(os.path.join(FIX, "alertmanager/webhooks_zulip")))[0])
    resolved = copy.deepcopy(alert)
    resolved["status"] = "resolved"
    for a in resolved["alerts"]:
        a["status"] = "resolved"
        a["endsAt"] = "2026-01-31T09:00:00Z"
    write("alertmanager-jira", [alert, resolved])


if __name__ == "__main__":
    for name in ["pagerduty-jira-cloud", "pagerduty-jira-server", "flashduty-jira-sync", "gitlab-jira", "alertmanager-jira"]:
        os.makedirs(os.path.join(ROOT, "examples", name), exist_ok=True)
    pagerduty_jira_cloud()
    pagerduty_jira_server()
    flashduty_jira_sync()
    gitlab_jira()
    alertmanager_jira()
