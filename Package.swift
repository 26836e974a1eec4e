// swift-tools-version:6.0
// ClassFeed: a class timetable (schedule.json) in, RFC 5545 iCalendar feeds out.
// Depends on the Swift toolchain alone (Foundation, Glibc, XCTest, Swift Testing).
import PackageDescription

let package = Package(
    name: "ClassFeed",
    products: [
        // The iCalendar layer, for Swift servers that build and serve feeds themselves.
        .library(name: "ICalendar", targets: ["ICalendar", "CivilTime", "Bytes"]),
        .executable(name: "classfeed", targets: ["classfeed"]),
    ],
    targets: [
        // The one home of raw memory: a non-copyable byte buffer, a word-at-a-time scanner and a
        // cursor whose unchecked reads say so. Everything above it is safe Swift.
        .target(name: "Bytes"),
        // Civil dates and times, and time-zone rules read from the system tz database (TZif).
        .target(name: "CivilTime", dependencies: ["Bytes"]),
        // RFC 5545 wire format: content lines, components, writer, reader, VTIMEZONE, RRULE expansion.
        .target(name: "ICalendar", dependencies: ["CivilTime", "Bytes"]),
        // The studio domain: schedule.json model, decoding and diagnostics, the recurrence engine.
        // RFC 8259 JSON with source locations: values and safe accessors, never pointers.
        .target(name: "JSON", dependencies: ["Bytes"]),
        .target(name: "Timetable", dependencies: ["CivilTime", "JSON", "Bytes"]),
        // Joins the two: occurrences -> calendar feeds, stable UIDs.
        .target(name: "FeedBuilder", dependencies: ["ICalendar", "Timetable", "Bytes"]),
        .executableTarget(name: "classfeed", dependencies: ["FeedBuilder", "Timetable", "JSON", "ICalendar"]),
        // The performance workloads, in-process (swift run -c release classfeed-bench).
        .executableTarget(name: "classfeed-bench", dependencies: ["FeedBuilder", "Timetable", "ICalendar"]),
        .testTarget(name: "BytesTests", dependencies: ["Bytes"]),
        .testTarget(name: "CivilTimeTests", dependencies: ["CivilTime"]),
        .testTarget(name: "ICalendarTests", dependencies: ["ICalendar"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "TimetableTests", dependencies: ["Timetable"]),
        // Golden files are read from the source tree (and re-recorded there), not bundled.
        .testTarget(name: "FeedBuilderTests", dependencies: ["FeedBuilder"], exclude: ["Golden"]),
        // End-to-end runs of the built classfeed binary.
        .testTarget(name: "ClassFeedCLITests", dependencies: ["ICalendar"]),
    ]
)
