"""The closed vocabularies of a plan.

Stored as their string values (``native_enum=False``) so the plan file stays readable and the
same schema runs on SQLite and PostgreSQL.
"""

from enum import StrEnum


class KeyResultKind(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    THRESHOLD = "threshold"
    MILESTONE = "milestone"


class ThresholdDirection(StrEnum):
    AT_MOST = "at_most"  # "keep churn below 2 %"
    AT_LEAST = "at_least"  # "keep NPS above 40"


class TopologyType(StrEnum):
    STREAM_ALIGNED = "stream_aligned"
    ENABLING = "enabling"
    PLATFORM = "platform"
    COMPLICATED_SUBSYSTEM = "complicated_subsystem"


class InteractionMode(StrEnum):
    COLLABORATION = "collaboration"
    X_AS_A_SERVICE = "x_as_a_service"
    FACILITATING = "facilitating"


class Commitment(StrEnum):
    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"


class OutcomeCategory(StrEnum):
    ONBOARDING_COMPLETED = "onboarding_completed"
    RENEWAL = "renewal"
    UPGRADE = "upgrade"
    REFERRAL = "referral"
    CHURN_PREVENTED = "churn_prevented"
    OTHER = "other"


class TouchKind(StrEnum):
    PRODUCT_UX = "product_ux"
    CUSTOMER_SUPPORT = "customer_support"
    SALES = "sales"
    EDUCATION_CONTENT = "education_content"
    MARKETING = "marketing"
    OTHER = "other"


class Confidence(StrEnum):
    """How sure the author of an attribution note is of the credit split."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


DEFAULT_STAGES = ("Acquisition", "Activation", "Retention", "Referral", "Revenue")
DEFAULT_DISCIPLINES = (
    "Product",
    "Engineering",
    "UX/UI design",
    "Data",
    "Marketing",
    "Sales",
    "Customer support",
)
# The disciplines every team is expected to have unless the plan says otherwise.
DEFAULT_REQUIRED_DISCIPLINES = ("Product", "Engineering", "UX/UI design", "Data")
