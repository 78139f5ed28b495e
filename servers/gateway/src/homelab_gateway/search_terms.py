"""gateway: the words people use for each tool (see ``homelab_shared.spec.Vocabulary``)."""

from homelab_shared.spec import Vocabulary

VOCABULARY = Vocabulary(
    app="gateway homelab",
    tools={
        "status": (
            "which servers apps plugins integrations are connected set up installed mounted "
            "enabled missing not configured what can you do capabilities"
        ),
    },
)
