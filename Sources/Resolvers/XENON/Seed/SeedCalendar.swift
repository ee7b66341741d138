// UTC calendar arithmetic for the demo data, without time zones or locale: XENON1T run names
// are the UTC start as `YYMMDD_HHMM`, and rucio rule expiries print as `YYYY-MM-DD HH:MM:SS`.

enum SeedCalendar {
    static let minute: Int64 = 60_000
    static let hour: Int64 = 60 * minute
    static let day: Int64 = 24 * hour

    /// Milliseconds since the epoch of a UTC date and time.
    static func milliseconds(year: Int, month: Int, day d: Int, hour h: Int = 0, minute m: Int = 0) -> Int64 {
        Int64(CivilCalendar.days(year: year, month: month, day: d)) * day + Int64(h) * hour + Int64(m) * minute
    }

    static func date(year: Int, month: Int, day d: Int, hour h: Int = 0, minute m: Int = 0) -> BSONDateTime {
        BSONDateTime(millisecondsSinceEpoch: milliseconds(year: year, month: month, day: d, hour: h, minute: m))
    }

    struct Components: Equatable {
        var year, month, day, hour, minute, second: Int
    }

    static func components(_ time: BSONDateTime) -> Components {
        let ms = time.millisecondsSinceEpoch
        let days = Int(floorDivide(ms, day))
        let rest = Int(ms - Int64(days) * day) / 1000
        let (y, mo, d) = CivilCalendar.date(days: days)
        return Components(year: y, month: mo, day: d, hour: rest / 3600, minute: rest / 60 % 60, second: rest % 60)
    }

    /// `170917_1819`: the XENON1T run name of a run starting at `time`.
    static func runName(_ time: BSONDateTime) -> String {
        let c = components(time)
        return two(c.year % 100) + two(c.month) + two(c.day) + "_" + two(c.hour) + two(c.minute)
    }

    /// `2018-09-01 12:00:00`.
    static func timestamp(_ time: BSONDateTime) -> String {
        let c = components(time)
        return "\(c.year)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }

    static func adding(_ milliseconds: Int64, to time: BSONDateTime) -> BSONDateTime {
        BSONDateTime(millisecondsSinceEpoch: time.millisecondsSinceEpoch + milliseconds)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
