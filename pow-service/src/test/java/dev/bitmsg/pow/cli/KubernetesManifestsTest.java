package dev.bitmsg.pow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.service.PowServiceConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;

/**
 * The Kubernetes manifests under {@code deploy/k8s} as far as a machine without a cluster can check
 * them: the YAML parses, every file is in the kustomization, each object has the fields its kind
 * requires, and they agree with each other (selectors and labels, ports, probes, volumes and the
 * Secrets and ConfigMap they name, the paths in the service's config file) and with the service
 * itself (the config file loads through its own settings loader). Not checked here: the API
 * server's schema validation and admission (no cluster, and no offline validator among the
 * distribution's packages), GPU scheduling, and the image itself.
 */
// Untyped YAML maps: a missing key fails the test with a NullPointerException naming it.
@SuppressWarnings("NullAway")
class KubernetesManifestsTest {
  @TempDir Path tmp;

  private Path k8s;
  private final Map<String, Map<String, Object>> byKindAndName = new HashMap<>();

  private static Path repo() {
    String vectors = System.getProperty("bitmsg.vectors");
    assertNotNull(vectors, "bitmsg.vectors is set by the build");
    return Path.of(vectors).toAbsolutePath().resolve("../..").normalize();
  }

  @BeforeEach
  void load() throws IOException {
    k8s = repo().resolve("deploy/k8s");
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    for (String file : resources()) {
      String text = Files.readString(k8s.resolve(file), StandardCharsets.UTF_8);
      for (Object doc : yaml.loadAll(text)) {
        Map<String, Object> o = map(doc, file);
        String kind = string(o, "kind");
        String name = string(map(o.get("metadata"), file + " metadata"), "name");
        assertNotNull(o.get("apiVersion"), file + ": apiVersion");
        byKindAndName.put(kind + "/" + name, o);
      }
    }
  }

  private List<String> resources() throws IOException {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    Map<String, Object> k =
        map(
            yaml.load(Files.readString(k8s.resolve("kustomization.yaml"), StandardCharsets.UTF_8)),
            "kustomization");
    List<String> out = new ArrayList<>();
    for (Object r : list(k.get("resources"), "resources")) {
      out.add((String) r);
    }
    return out;
  }

  @Test
  void kustomization_listsEveryManifest_andTheImage() throws IOException {
    Set<String> files = new TreeSet<>();
    try (Stream<Path> s = Files.list(k8s)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
          .forEach(files::add);
    }
    assertEquals(files, new TreeSet<>(resources()));
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    Map<String, Object> k =
        map(
            yaml.load(Files.readString(k8s.resolve("kustomization.yaml"), StandardCharsets.UTF_8)),
            "kustomization");
    Map<String, Object> image = map(list(k.get("images"), "images").get(0), "images[0]");
    assertEquals(string(container(), "image"), string(image, "name"), "the image kustomize sets");
  }

  private Map<String, Object> get(String kindAndName) {
    Map<String, Object> o = byKindAndName.get(kindAndName);
    assertNotNull(o, kindAndName + " among " + byKindAndName.keySet());
    return o;
  }

  private Map<String, Object> deployment() {
    Map<String, Object> d = get("Deployment/pow-service");
    assertEquals("apps/v1", d.get("apiVersion"));
    return d;
  }

  private Map<String, Object> podSpec() {
    return map(at(deployment(), "spec", "template", "spec"), "pod spec");
  }

  private Map<String, Object> container() {
    List<Object> containers = list(podSpec().get("containers"), "containers");
    assertEquals(1, containers.size());
    return map(containers.get(0), "container");
  }

  private Map<String, Object> podLabels() {
    return map(at(deployment(), "spec", "template", "metadata", "labels"), "pod labels");
  }

  /** The service's config file as the ConfigMap holds it, loaded through the service's loader. */
  private PowServiceCommand config() throws IOException {
    Map<String, Object> cm = get("ConfigMap/pow-service-config");
    String text = string(map(cm.get("data"), "data"), "pow-service.conf");
    Path f = tmp.resolve("pow-service.conf");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    String[] args = {"pow-service", "--config", f.toString()};
    CommandLine cl = PowMain.commandLine(PowRules.NETWORK);
    ConfigDefaults defaults = CliSettings.configure(cl, args, Map.of());
    CommandLine.ParseResult parsed = cl.parseArgs(args);
    CliSettings.checkAddresses(parsed, defaults);
    return (PowServiceCommand) parsed.subcommand().commandSpec().userObject();
  }

  @Test
  void configMap_isAValidServiceConfig_andTheContainerReadsIt() throws IOException {
    PowServiceCommand c = config();
    PowServiceConfig.Limits limits = c.limits.limits(Duration.ofSeconds(60));
    assertTrue(limits.connections().maxConnectionAge().toSeconds() > 0, "pods are rebalanced");
    List<Object> args = list(container().get("args"), "args");
    int i = args.indexOf("--config");
    assertTrue(i >= 0, "the container is given the config file: " + args);
    assertEquals(mountedFile("pow-service-config", "pow-service.conf"), args.get(i + 1));
  }

  /** Where the container sees key {@code key} of the ConfigMap or Secret {@code source}. */
  private String mountedFile(String source, String key) {
    String volume = null;
    for (Object v : list(podSpec().get("volumes"), "volumes")) {
      Map<String, Object> vol = map(v, "volume");
      Object cm = vol.get("configMap");
      Object secret = vol.get("secret");
      if ((cm != null && source.equals(map(cm, "configMap").get("name")))
          || (secret != null && source.equals(map(secret, "secret").get("secretName")))) {
        volume = string(vol, "name");
      }
    }
    assertNotNull(volume, "a volume of " + source);
    for (Object m : list(container().get("volumeMounts"), "volumeMounts")) {
      Map<String, Object> mount = map(m, "volumeMount");
      if (volume.equals(mount.get("name"))) {
        assertEquals(true, mount.get("readOnly"), volume + " is mounted read-only");
        return string(mount, "mountPath") + "/" + key;
      }
    }
    throw new AssertionError("volume " + volume + " is not mounted");
  }

  @Test
  void secrets_tokensAndTls_areMountedWhereTheConfigLooks() throws IOException {
    PowServiceCommand c = config();
    Map<String, Object> tokens = get("Secret/pow-service-tokens");
    assertTrue(map(tokens.get("stringData"), "stringData").containsKey("pow-tokens"));
    assertEquals(mountedFile("pow-service-tokens", "pow-tokens"), c.tokens.toString());
    Map<String, Object> tls = get("Secret/pow-service-tls");
    assertEquals("kubernetes.io/tls", tls.get("type"));
    assertEquals(mountedFile("pow-service-tls", "tls.crt"), c.tlsCert.toString());
    assertEquals(mountedFile("pow-service-tls", "tls.key"), c.tlsKey.toString());
  }

  @Test
  void deployment_requestsAGpu_andBoundsItsResources() {
    Map<String, Object> resources = map(container().get("resources"), "resources");
    Map<String, Object> limits = map(resources.get("limits"), "limits");
    Map<String, Object> requests = map(resources.get("requests"), "requests");
    assertEquals(1, limits.get("nvidia.com/gpu"), "one GPU per replica");
    assertEquals(limits.get("nvidia.com/gpu"), requests.get("nvidia.com/gpu"), "extended: equal");
    for (String r : List.of("cpu", "memory")) {
      assertNotNull(requests.get(r), "requests." + r);
      assertNotNull(limits.get(r), "limits." + r);
    }
    Map<String, Object> selector = map(at(deployment(), "spec", "selector", "matchLabels"), "sel");
    assertTrue(podLabels().entrySet().containsAll(selector.entrySet()), "selector matches pods");
    assertTrue((Integer) at(deployment(), "spec", "replicas") >= 2, "several replicas");
  }

  private int containerPort(String name) {
    for (Object p : list(container().get("ports"), "ports")) {
      Map<String, Object> port = map(p, "port");
      if (name.equals(port.get("name"))) {
        return (Integer) port.get("containerPort");
      }
    }
    throw new AssertionError("no container port named " + name);
  }

  @Test
  void probes_useGrpcHealth_onThePlaintextHealthPort() throws IOException {
    PowServiceCommand c = config();
    assertNotNull(c.healthListen, "the config serves health alone for the probes");
    int health = PowServiceConfig.parseListen(c.healthListen).port();
    assertEquals(health, containerPort("health"));
    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
      Map<String, Object> grpc = map(at(container(), probe, "grpc"), probe + ".grpc");
      assertEquals(health, grpc.get("port"), probe);
      Object service = grpc.get("service");
      assertTrue(
          service == null || service.equals("bitmessage.pow.v1.ProofOfWork"),
          probe + " checks a service the server reports: " + service);
    }
    assertEquals(PowServiceConfig.parseListen(c.listen).port(), containerPort("grpc"));
    assertEquals(PowServiceConfig.parseListen(c.metrics).port(), containerPort("metrics"));
  }

  @Test
  void headlessService_selectsThePods_onTheGrpcPort() {
    Map<String, Object> svc = get("Service/pow-service");
    Map<String, Object> spec = map(svc.get("spec"), "spec");
    assertEquals("None", spec.get("clusterIP"), "headless, for client-side balancing");
    Map<String, Object> selector = map(spec.get("selector"), "selector");
    assertTrue(podLabels().entrySet().containsAll(selector.entrySet()));
    Map<String, Object> port = map(list(spec.get("ports"), "ports").get(0), "port");
    assertEquals("grpc", port.get("targetPort"));
    assertEquals(containerPort("grpc"), port.get("port"));
  }

  @Test
  void disruptionBudget_andNetworkPolicy_coverThePods() {
    Map<String, Object> pdb = get("PodDisruptionBudget/pow-service");
    assertEquals("policy/v1", pdb.get("apiVersion"));
    Map<String, Object> spec = map(pdb.get("spec"), "spec");
    assertTrue(spec.containsKey("maxUnavailable") || spec.containsKey("minAvailable"));
    int replicas = (Integer) at(deployment(), "spec", "replicas");
    assertTrue(
        !spec.containsKey("maxUnavailable") || (Integer) spec.get("maxUnavailable") < replicas,
        "a drain never takes every replica");
    Map<String, Object> selector = map(at(pdb, "spec", "selector", "matchLabels"), "pdb sel");
    assertTrue(podLabels().entrySet().containsAll(selector.entrySet()));
    Map<String, Object> np = get("NetworkPolicy/pow-service");
    Map<String, Object> npSel = map(at(np, "spec", "podSelector", "matchLabels"), "np sel");
    assertTrue(podLabels().entrySet().containsAll(npSel.entrySet()));
    assertFalse(list(at(np, "spec", "ingress"), "ingress").isEmpty());
  }

  private static Object at(Map<String, Object> o, String... path) {
    Object cur = o;
    for (String key : path) {
      cur = map(cur, String.join(".", path)).get(key);
      assertNotNull(cur, String.join(".", path) + ": missing " + key);
    }
    return cur;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o, String what) {
    assertTrue(o instanceof Map, what + " is a mapping: " + o);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o, String what) {
    assertTrue(o instanceof List, what + " is a list: " + o);
    return (List<Object>) o;
  }

  private static String string(Map<String, Object> o, String key) {
    Object v = o.get(key);
    assertTrue(v instanceof String, key + " is a string: " + v);
    return (String) v;
  }
}
