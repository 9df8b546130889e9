"""Use cases of the planner: one short session per call, plain data back, no Qt."""
