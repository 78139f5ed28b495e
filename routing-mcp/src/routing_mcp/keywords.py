"""Keyword rules of the rules classifier, in English, German, French and Spanish.

Each rule: class, weight, keywords (regex alternatives, matched with word boundaries against the
lower-cased prompt). Weights favour the specific classes over the broad ones. Tuned on the
``tune`` half of bench/data only; the held-out half is measured, never looked at.
"""

from __future__ import annotations

RULE_TABLE: list[tuple[str, float, str]] = [
    (
        "premium_code_review",
        3.0,
        r"code review|"
        r"review (?:this|my|the|our|it) "
        r"(?:code|pr|pull request|diff|patch|function|class|module|script|implementation|config)|"
        r"security (?:review|audit)|audit (?:this|my|the)|pull request|critique (?:this|my)|"
        r"look (?:over|at) (?:this|my) (?:code|pr|diff)|"
        r"any (?:bugs|issues|vulnerabilities|problems) (?:in|with)|is this (?:code|safe)|"
        r"vulnerabilit(?:y|ies)|pr review|my pr|review(?:ing)?|"
        r"soundness|be picky|be thorough|flag (?:security|risks)|what (?:would|you'd) you flag|"
        r"what you'd flag|insecure|sloppy|race conditions?|thread[- ]safe|"
        r"revue de (?:code|ce code)|revisa(?:r)? (?:este|mi) código|reviewe?n?|reviewe|prüfe|"
        r"sicherheitslücken|vulnerabilidades|fuite mémoire|auf fehler prüfen|before (?:i|we) "
        r"(?:merge|push|expose)|reviewers?|critique",
    ),
    (
        "architecture_decision",
        2.5,
        r"architecture|architect|microservices?|monolith|modular monolith|system design|"
        r"design (?:decision|choice)|adr|event sourcing|cqrs|message (?:bus|queue)|"
        r"(?:which|what) database|kubernetes or|k8s (?:vs|or)|docker compose (?:vs|or)|"
        r"should (?:we|i) (?:use|pick|choose|go with|move to|migrate to|split|run)|"
        r"scalab(?:le|ility)|"
        r"high availability|service mesh|data model|sharding|multi-tenant|"
        r"(?:shared|separate) (?:database|schema)s?|"
        r"would you (?:build|run|use|pick|go with|choose)|"
        r"which would you (?:choose|pick|use|go with)|what would you go with|"
        r"source of truth|its own service|own service|best way to structure|how should i structure|"
        r"how should i lay out|monorepo|polyrepo|one big .* or|sollten wir|faut-il|deberíamos|"
        r"base de datos por cliente|esquema compartido|zentrale datenbank|lokale datenbanken|"
        r"better design|worth it for a small",
    ),
    (
        "deep_reasoning",
        2.2,
        r"prove|proof|derive|derivation|puzzle|riddle|paradox|"
        r"think (?:carefully|hard|it through)|reason (?:it )?(?:through|about|carefully)|"
        r"logic(?:al)?|how many (?:different )?ways|probability|theorem|induction|contradiction|"
        r"expected (?:value|number)|brain ?teaser|lemma|invariant|show the reasoning|knights?|"
        r"knaves?|find all (?:pairs|integers|solutions|integer solutions)|integer solutions|"
        r"irrational|infinitely many|syllogism|(?:argument|this) valid|does it follow|"
        r"weighings?|balance scale|explain carefully|(?:think|explain|reason) step by step|"
        r"justify|labels? (?:are|is) wrong|liars?|"
        r"truth-tellers?|beweise|zeige,? dass|zeige per|démontre|montre que|demuestra|"
        r"primzahl|divisible|teilbar|fallacy|surely works|guards?",
    ),
    (
        "multi_step_planning",
        2.3,
        r"plan|planning|roadmap|step[- ]by[- ]step plan|steps to|migration plan|schedule|itinerary|"
        r"milestones?|phases?|break (?:it|this) (?:down|into)|checklist|timeline|sequence of|"
        r"project plan|learning path|week[- ]by[- ]week|day[- ]by[- ]day|order (?:should|do) i|"
        r"order of (?:work|steps|operations)|sequence the steps|in (?:the right )?order|lay out|"
        r"step[- ]by[- ]step (?:guide|runbook)|runbook|what order|first 90 days|first two weeks|"
        r"roll ?out|what do i do first|planifie|planning de|erstelle einen (?:\w+)?plan|"
        r"schritt für schritt|wie gehe ich|paso a paso|por fases|plan por fases|"
        r"with minimal downtime|rollback path|study plan|training plan",
    ),
    (
        "creative_writing",
        2.4,
        r"poem|haiku|limerick|sonnet|story|short story|lyrics|song|slogan|tagline|"
        r"fiction(?:al)?|dialogue|screenplay|fairy tale|fable|legend|myth|toast|wedding speech|rap|"
        r"verse|creative|bedtime story|jingle|backstory|npc|campaign|character|villain|novel|"
        r"opening paragraph|first paragraph|make up a story|gedicht|geschichte|märchen|reime?|"
        r"spruch|lied|poème|chanson|histoire|conte|poema|cuento|canción|funny verse|speech for",
    ),
    (
        "data_extraction",
        2.2,
        r"extract|parse|pull out|to json|as json|into json|json array|to csv|as csv|into csv|"
        r"csv of|into a table|as a table|make a table|markdown table|structured (?:data|format)|"
        r"list all (?:the )?(?:dates|names|emails|amounts|prices|items|products|numbers|urls|ip "
        r"addresses|email addresses)|list every|key[- ]value|fields?|convert (?:this|the following)"
        r" (?:to|into)|convert to|table (?:with|of)|turn (?:this|it|the \w+ output) into|"
        r"as a list of|pull (?:the \w+ )?out|as yaml|into yaml|output as|structure (?:this )?into|"
        r"into json|as json please|extrahiere|extrais|extrae|als tabelle|iso format|au format iso|"
        r"count the|pull them out",
    ),
    (
        "code_completion",
        1.6,
        r"function|regex|regular expression|snippet|script|one[- ]liner|implement|"
        r"complete (?:this|the) code|complete this|finish this|"
        r"fix (?:this|the|my) (?:bug|code|error)|"
        r"fix my code|fix this|python|javascript|typescript|bash|golang|go function|rust|sql query|"
        r"dockerfile|yaml|compile|stack ?trace|traceback|unit test|jest test|pytest|"
        r"write (?:a|an|the) (?:method|class|program|query|cron|systemd unit|crontab)|nginx|"
        r"caddyfile|server block|prometheus|alerting rule|postgres query|powershell|crontab|"
        r"terraform|ansible|docker-compose\.ya?ml|compose file|jq|awk|systemd|"
        r"(?:sql|promql|ldap) query|list comprehension|throws|typeerror|index out of range|"
        r"make this faster|skript|script en|fonction|función",
    ),
    (
        "complex_analysis",
        1.7,
        r"analy[sz]e|analysis|analysiere|analyse|analiza|compare|comparison|compara|vergleiche|"
        r"evaluate|assess(?:ment)?|pros and cons|vor- und nachteile|avantages et inconvénients|"
        r"trade-?offs?|implications|in[- ]depth|thoroughly|critically|root cause|interpret|"
        r"what (?:explains|drives)|could explain|weigh|versus|vs\.?|detailed|breakdown|survey|"
        r"a/b test|significan(?:t|ce)|results|conclusions?|economics|is it worth|worth upgrading|"
        r"why (?:is|does|did|do) (?:my|our|the)|what could explain|what's the root cause",
    ),
    (
        "pii_sensitive",
        2.8,
        r"my (?:medical|health|bank|salary|ssn|social security|passport|diagnosis|tax return|"
        r"therapist|doctor|login|password|account|iban|payslip|daughter|son|wife|husband)|"
        r"diagnos(?:is|ed|e)|prescription|prescribed|verschrieben|home address|password is|"
        r"therapist|disorder|depression|anxiety|pregnant|hiv|adhd|allerg(?:y|ic)|insulin|"
        r"medical history|blood type|test results|passport number|driving licence|"
        r"date of birth|born \d|dob|ssn|social security|sécurité sociale|dni|iban|mein arzt|"
        r"bluthochdruck|payroll|credit card|card number|sertraline|metformin",
    ),
    (
        "general",
        1.3,
        r"what can i|some good|recommend(?:ation)?s?|do i (?:actually |really )?need|any tips|"
        r"tips|advice|ideas?|help me (?:write|decide|choose|reply)|how do i (?:politely|get better|"
        r"make|get)|how can i|translate|suggest|name for|what should i|gib mir|donne-moi|dame|"
        r"rewrite|tell me (?:something|a fun)|explain like|summari[sz]e the",
    ),
    (
        "simple_qa",
        1.2,
        r"what is|what's|whats|who (?:is|was|wrote|invented)|when (?:is|was|did)|where (?:is|was)|"
        r"how many|how much|how far|define|definition of|capital of|hauptstadt|capitale|"
        r"convert \d|what does \S+ stand for|meaning of|default port|what port|which port|"
        r"what year|wie viele|combien|cuántos|quelle est|was bedeutet|is \S+ (?:tcp|an lts)",
    ),
]

TECH_TERMS: tuple[str, ...] = (
    r"kubernetes",
    r"k3s",
    r"k8s",
    r"nomad",
    r"docker(?: compose)?",
    r"proxmox",
    r"lxcs?",
    r"vms?",
    r"vps",
    r"bare[- ]metal",
    r"postgres(?:ql)?",
    r"sqlite",
    r"mysql",
    r"mariadb",
    r"mongodb",
    r"redis",
    r"etcd",
    r"kafka",
    r"rabbitmq",
    r"nats",
    r"mqtt",
    r"webhooks?",
    r"wireguard",
    r"tailscale",
    r"headscale",
    r"cloudflare tunnel",
    r"truenas",
    r"unraid",
    r"zfs",
    r"ceph",
    r"serverless",
    r"grpc",
    r"graphql",
    r"rest(?: api)?",
    r"traefik",
    r"caddy",
    r"nginx",
    r"authelia",
    r"authentik",
    r"keycloak",
    r"loki",
    r"elasticsearch",
    r"influxdb",
    r"timescaledb",
    r"thanos",
    r"victoriametrics",
    r"vault",
    r"sops",
    r"sealed secrets",
    r"netbox",
    r"git repo",
    r"spa",
    r"cms",
    r"static site generator",
)
