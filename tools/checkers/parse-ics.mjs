// Reads an iCalendar file on stdin and prints what ical.js understands of it as JSON, so .NET tests
// can compare Staffono's invites with an independent parser's reading. Exits 1 on a parse error.
import ICAL from "ical.js";

let text = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) text += chunk;

try {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => ({
    uid: vevent.getFirstPropertyValue("uid"),
    sequence: vevent.getFirstPropertyValue("sequence"),
    status: vevent.getFirstPropertyValue("status"),
    summary: vevent.getFirstPropertyValue("summary"),
    location: vevent.getFirstPropertyValue("location"),
    description: vevent.getFirstPropertyValue("description"),
    start: vevent.getFirstPropertyValue("dtstart")?.toJSDate().toISOString(),
    end: vevent.getFirstPropertyValue("dtend")?.toJSDate().toISOString(),
    alarms: vevent.getAllSubcomponents("valarm").map((alarm) => alarm.getFirstPropertyValue("trigger")?.toSeconds()),
  }));
  process.stdout.write(JSON.stringify({ method: calendar.getFirstPropertyValue("method"), events }));
} catch (error) {
  process.stderr.write(String(error?.message ?? error));
  process.exit(1);
}
