"""The SOP as data, case plans, deadlines, the demo book and the tour."""
