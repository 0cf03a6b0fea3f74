def test_case_and_referral_flow(tipref, victim_case):
    assert victim_case["number"].startswith("TTU-")
    ref = tipref.json("referral", "new", "--case", victim_case["number"], "--service", "health", "--to", "rsud")
    assert ref["status"] == "pending"
