// The ICalendar product speaks in civil dates, times and zone rules: re-export them so that
// `import ICalendar` is all a user of the library needs.
@_exported import CivilTime
