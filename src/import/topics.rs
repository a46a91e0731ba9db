//! Guessing a question's topic from its words, onto the shared
//! [`TOPICS`](crate::bank::TOPICS) list, so imported questions join the
//! per-topic scores and plans like any other.
//!
//! The guess weighs the question most, then its section title, then its
//! answer; the person reviewing the import can correct it (or pass
//! `--topic`).

use crate::text::Analyzer;

/// Words and phrases that point at each topic, in the order of `TOPICS`.
#[rustfmt::skip]
const KEYWORDS: &[(&str, &[&str])] = &[
    ("kubernetes", &[
        "kubernetes", "k8s", "pod", "kubectl", "statefulset", "daemonset", "helm", "namespace", "kubelet", "crashloopbackoff",
        "configmap", "replicaset", "node affinity", "anti-affinity", "taint", "toleration", "liveness probe", "readiness probe",
        "horizontal pod autoscaler", "hpa", "karpenter", "cluster autoscaler", "eks", "gke", "aks", "operator", "custom resource",
        "kustomize",
    ]),
    ("containers", &[
        "docker", "container", "dockerfile", "docker image", "containerd", "podman", "docker compose", "docker-compose", "multi-stage",
        "dockerignore", "containerization",
    ]),
    ("ci-cd", &[
        "ci/cd", "ci cd", "continuous integration", "continuous delivery", "continuous deployment", "jenkins", "github actions",
        "gitlab ci", "build pipeline", "blue-green", "blue green", "rolling update", "release", "artifact", "codepipeline",
        "codebuild", "codedeploy", "pipeline stage",
    ]),
    ("gitops", &[
        "gitops", "argocd", "argo cd", "flux", "app-of-apps", "app of apps", "drift", "self-heal", "declarative",
    ]),
    ("iac", &[
        "terraform", "cloudformation", "ansible", "pulumi", "infrastructure as code", "iac", "state file", "playbook",
        "terraform module", "idempotent", "idempotence",
    ]),
    ("cloud-aws", &[
        "aws", "ec2", "s3", "iam role", "vpc", "lambda", "cloudwatch", "ecr", "route 53", "elastic load balancer",
        "auto scaling group", "availability zone", "azure", "gcp", "google cloud", "cloud provider", "sagemaker", "cloudops",
        "cloud engineer",
    ]),
    ("networking", &[
        "network", "dns", "load balancer", "subnet", "nat gateway", "tcp", "http", "ingress", "service mesh", "istio", "firewall",
        "cidr", "proxy", "latency between", "security group",
    ]),
    ("security", &[
        "security", "secure", "secret", "secrets", "vault", "least privilege", "vulnerability", "sast", "dast", "compliance", "soc 2",
        "soc2", "gdpr", "threat", "encryption", "encrypt", "rbac", "mtls", "mutual tls", "kyverno", "policy", "cve", "attack",
        "breach", "devsecops", "nist", "penetration", "trivy", "scan",
    ]),
    ("observability", &[
        "monitoring", "monitor", "prometheus", "grafana", "logs", "logging", "metrics", "tracing", "trace", "alert", "alerts",
        "alerting", "loki", "elk", "efk", "opentelemetry", "dashboard", "jaeger", "x-ray", "observability",
    ]),
    ("reliability", &[
        "sre", "slo", "sli", "error budget", "incident", "downtime", "high availability", "highly available", "disaster recovery",
        "failover", "rollback", "roll back", "chaos", "postmortem", "resilience", "zero-downtime", "zero downtime", "multi-region",
        "troubleshoot", "outage",
    ]),
    ("messaging", &[
        "queue", "sqs", "kafka", "rabbitmq", "pub/sub", "pubsub", "sns", "dead-letter", "dead letter", "dlq", "message", "messages",
        "event-driven", "consumer",
    ]),
    ("databases", &[
        "database", "databases", "sql", "postgres", "postgresql", "mysql", "rds", "dynamodb", "query", "queries", "migration", "redis",
        "nosql", "replica",
    ]),
    ("cost", &[
        "cost", "costs", "billing", "bill", "bills", "spot instance", "spot instances", "finops", "pricing", "savings", "cheaper",
        "budget",
    ]),
    ("architecture", &[
        "architecture", "microservice", "microservices", "scalable", "system design", "design pattern", "trade-off", "tradeoff",
        "monolith",
    ]),
    ("ml-lifecycle", &[
        "mlops", "model versioning", "model registry", "mlflow", "experiment tracking", "reproducibility", "reproducible",
        "model drift", "drift", "retrain", "model monitoring", "ml lifecycle", "model version", "dvc", "bias", "fairness",
        "training-serving skew",
    ]),
    ("pipelines", &[
        "ml pipeline", "pipelines", "airflow", "kubeflow pipelines", "dag", "workflow", "workflows", "orchestration", "orchestrate",
        "argo workflows", "kfp", "component",
    ]),
    ("serving", &[
        "serving", "inference", "endpoint", "kfserving", "kserve", "seldon", "torchserve", "triton", "tensorflow serving", "a/b test",
        "a/b testing", "canary", "model deployment", "deploy a model", "deploy models", "predictions", "real-time",
    ]),
    ("training", &[
        "training", "hyperparameter", "hyperparameters", "distributed training", "gpu", "gpus", "fine-tuning", "epoch", "horovod",
        "experiment", "trial", "tuning",
    ]),
    ("data", &[
        "dataset", "datasets", "feature engineering", "feature store", "data validation", "data leakage", "etl", "data versioning",
        "schema", "data quality", "data pipeline", "data drift",
    ]),
    ("kubeflow", &[
        "kubeflow", "katib", "kfserving", "kfctl", "tfjob", "pytorchjob", "minikf", "notebook server", "notebook servers",
        "kubeflow pipelines", "kfp", "central dashboard", "profiles",
    ]),
    ("aiops", &[
        "aiops", "anomaly detection", "anomaly", "alert fatigue", "root cause", "rca", "noise reduction", "event correlation",
        "predictive maintenance", "correlation", "anomalies",
    ]),
    ("behavioural", &[
        "tell me about a time", "describe a time", "describe a situation", "conflict", "stakeholder", "stakeholders", "mentor",
        "weakness", "strengths", "you said", "your team", "disagree", "describe this project", "greatest", "proud",
    ]),
];

/// Keyword phrases prepared for matching: each as its stems.
pub struct TopicGuesser {
    topics: Vec<(&'static str, Vec<Vec<String>>)>,
    analyzer: Analyzer,
}

/// Where a question's words come from, and how much each counts.
pub struct Texts<'a> {
    pub prompt: &'a str,
    pub section: Option<&'a str>,
    pub answer: &'a str,
}

impl TopicGuesser {
    pub fn new(analyzer: Analyzer) -> TopicGuesser {
        let topics = KEYWORDS
            .iter()
            .map(|(topic, words)| (*topic, words.iter().map(|w| analyzer.stems(w)).filter(|s| !s.is_empty()).collect()))
            .collect();
        TopicGuesser { topics, analyzer }
    }

    /// Each topic's score for a text: how many of its keywords occur.
    fn hits(&self, text: &str) -> Vec<f64> {
        let stems = self.analyzer.stems(text);
        let contains = |phrase: &[String]| stems.windows(phrase.len()).any(|w| w == phrase);
        self.topics
            .iter()
            .map(|(_, phrases)| phrases.iter().filter(|p| contains(p)).count() as f64)
            .collect()
    }

    /// The best topic for a question, or `None` when no keyword matched.
    /// The question counts three times as much as its section title and
    /// six times as much as each keyword of its answer.
    pub fn guess(&self, texts: &Texts<'_>) -> Option<&'static str> {
        let prompt = self.hits(texts.prompt);
        let section = texts.section.map(|s| self.hits(s)).unwrap_or_else(|| vec![0.0; self.topics.len()]);
        let answer = self.hits(texts.answer);
        let scores: Vec<f64> = (0..self.topics.len())
            .map(|i| 3.0 * prompt[i] + 1.0 * section[i] + 0.5 * answer[i])
            .collect();
        let best = scores.iter().copied().fold(0.0, f64::max);
        if best <= 0.0 {
            return None;
        }
        scores.iter().position(|&s| s == best).map(|i| self.topics[i].0)
    }
}

/// The topics a free-form tag or cell names directly (`ci-cd`, `Kubernetes`,
/// `cloud aws`), else the topic its words point at.
pub fn from_label(guesser: &TopicGuesser, label: &str) -> Option<&'static str> {
    let slug: String = label
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let slug = slug.trim_matches('-');
    crate::bank::TOPICS.iter().copied().find(|t| *t == slug).or_else(|| {
        guesser.guess(&Texts {
            prompt: label,
            section: None,
            answer: "",
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::TOPICS;
    use crate::text::Aliases;

    fn guesser() -> TopicGuesser {
        TopicGuesser::new(Analyzer::new(&Aliases::default()))
    }

    #[test]
    fn keyword_table_follows_the_topic_list() {
        let names: Vec<&str> = KEYWORDS.iter().map(|(t, _)| *t).collect();
        assert_eq!(names, TOPICS);
    }

    #[test]
    fn questions_get_the_topic_their_words_point_at() {
        let g = guesser();
        let cases = [
            ("Why is Terraform state important?", None, "iac"),
            ("What is a dead-letter queue?", None, "messaging"),
            ("How do you detect model drift?", None, "ml-lifecycle"),
            ("What is Katib?", None, "kubeflow"),
            ("How do you handle it?", Some("AIOps Engineer Interview Questions"), "aiops"),
            ("Tell me about a time you disagreed with your team.", None, "behavioural"),
            (
                "How would you debug a latency spike that appears in Grafana?",
                None,
                "observability",
            ),
        ];
        for (prompt, section, topic) in cases {
            let got = g.guess(&Texts {
                prompt,
                section,
                answer: "",
            });
            assert_eq!(got, Some(topic), "{prompt}");
        }
        assert_eq!(
            g.guess(&Texts {
                prompt: "What is your favourite colour?",
                section: None,
                answer: ""
            }),
            None
        );
    }

    #[test]
    fn labels_name_topics_directly_or_by_their_words() {
        let g = guesser();
        assert_eq!(from_label(&g, "CI-CD"), Some("ci-cd"));
        assert_eq!(from_label(&g, "cloud aws"), Some("cloud-aws"));
        assert_eq!(from_label(&g, "Docker"), Some("containers"));
        assert_eq!(from_label(&g, "zzz"), None);
    }
}
