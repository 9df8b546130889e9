"""Pure Python rules of the plan: values, validation, progress and health. No Qt, no database."""
