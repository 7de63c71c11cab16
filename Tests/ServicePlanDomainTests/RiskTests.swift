import ServicePlanDomain
import Testing

@Suite struct RiskTests {
    @Test("score bands follow section 3.6: 1–4 low, 5–10 medium, 11–16 high",
          arguments: [(1, RiskBand.low), (4, .low), (5, .medium), (10, .medium), (11, .high), (16, .high)])
    func band(score: Int, expected: RiskBand) {
        #expect(RiskBand(score: score) == expected)
    }

    @Test("likelihood × severity gives the score and its band")
    func likelihoodTimesSeverity() throws {
        let rating = try RiskRating(likelihood: 3, severity: 4)
        #expect(rating.score == 12)
        #expect(rating.band == .high)
    }

    @Test("a score no likelihood × severity can make is refused", arguments: [0, 5, 7, 10, 11, 13, 17])
    func impossibleScore(score: Int) {
        #expect(throws: RuleViolation.self) { try RiskRating(score: score) }
    }

    @Test("every product of two factors 1–4 is accepted as a score", arguments: [1, 2, 3, 4, 6, 8, 9, 12, 16])
    func possibleScore(score: Int) throws {
        #expect(try RiskRating(score: score).score == score)
    }

    @Test("likelihood and severity outside 1–4 are refused", arguments: [(0, 2), (5, 1), (2, 0), (1, 5)])
    func factorsOutOfRange(likelihood: Int, severity: Int) {
        #expect(throws: RuleViolation.self) { try RiskRating(likelihood: likelihood, severity: severity) }
    }

    @Test("a band known without its score keeps the band and the reason")
    func bandOnly() {
        let assessment = RiskAssessment.bandOnly(.high, .unknown)
        #expect(assessment.band == .high)
        #expect(assessment.score == nil)
        #expect(assessment.missingReason == .unknown)
    }
}
