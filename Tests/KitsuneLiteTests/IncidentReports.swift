// Reading `detect --eve` output: the incidents' reports as the tests check them.

import Foundation

/// One report of an incident (an EVE `alert` event of kitsune-lite).
struct IncidentReport {
    var incident: Int
    var state: String
    /// The report's time (its incident's last packet) and the incident's first, in seconds.
    var time: Double
    var firstTime: Double
    var sourceIP: String
    var sourceMAC: String?
    var destinationIP: String
    var packets: Int
    var peakScore: Double
    var threshold: Double
    var targets: Int
    /// Distinct sources: 1 for an actor's incident, many for a flood from many sources.
    var sources: Int
    var causes: [String]
    var behaviour: [String]
    var signature: String

    /// Seconds since the epoch of an EVE timestamp, `2026-11-29T00:48:20.623000+0000`.
    static func seconds(_ text: String) -> Double? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let normalised = text.replacingOccurrences(of: "+0000", with: "Z")
        return formatter.date(from: normalised)?.timeIntervalSince1970
    }
}

/// All reports of an EVE file.
struct IncidentReports {
    var events: [IncidentReport] = []

    init(_ file: URL) throws {
        for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  object["event_type"] as? String == "alert",
                  let anomaly = object["anomaly"] as? [String: Any], let alert = object["alert"] as? [String: Any],
                  let explanation = anomaly["explanation"] as? [String: Any] else {
                throw SetupError("not an incident report: \(line)")
            }
            let ether = object["ether"] as? [String: Any]
            events.append(IncidentReport(
                incident: anomaly["incident"] as? Int ?? -1, state: anomaly["state"] as? String ?? "",
                time: IncidentReport.seconds(object["timestamp"] as? String ?? "") ?? 0,
                firstTime: IncidentReport.seconds(anomaly["first_timestamp"] as? String ?? "") ?? 0,
                sourceIP: object["src_ip"] as? String ?? "", sourceMAC: ether?["src_mac"] as? String,
                destinationIP: object["dest_ip"] as? String ?? "", packets: anomaly["packets"] as? Int ?? 0,
                peakScore: anomaly["peak_score"] as? Double ?? 0, threshold: anomaly["threshold"] as? Double ?? 0,
                targets: anomaly["targets"] as? Int ?? 0, sources: anomaly["sources"] as? Int ?? 0,
                causes: (explanation["causes"] as? [[String: Any]] ?? []).compactMap { $0["family"] as? String },
                behaviour: explanation["behaviour"] as? [String] ?? [], signature: alert["signature"] as? String ?? ""))
        }
    }

    /// The opening report of every incident.
    var opened: [IncidentReport] { events.filter { $0.state == "opened" } }
    /// The closing report of every incident: its totals.
    var closed: [IncidentReport] { events.filter { $0.state == "closed" } }
}
