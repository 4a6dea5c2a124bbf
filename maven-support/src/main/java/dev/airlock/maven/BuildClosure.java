package dev.airlock.maven;

import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.artifact.ResolvedArtifact.Kind;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.io.InParallel;
import java.io.File;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import org.apache.maven.RepositoryUtils;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.lifecycle.MavenExecutionPlan;
import org.apache.maven.model.Extension;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.project.DefaultDependencyResolutionRequest;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.DependencyResolutionResult;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.ArtifactTypeRegistry;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.DependencySelector;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.ArtifactRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.AndDependencyFilter;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.filter.ScopeDependencyFilter;
import org.eclipse.aether.util.graph.selector.AndDependencySelector;

/**
 * The build closure of one module, resolved through Maven's own repository system (so, with the Airlock extension
 * loaded, through the mirrors and the lock): the project's dependencies of the requested scopes, the build plugins
 * of its execution plan with their dependencies, and its build extensions with their dependencies. Every artifact
 * comes back once per kind with the path that brought it in. Used by the enforcer rules and by the {@code record}
 * goal.
 */
public final class BuildClosure {
    /** The scopes a build resolves, in the order reports list them. */
    public static final List<String> ALL_SCOPES = List.of(JavaScopes.COMPILE, JavaScopes.PROVIDED,
            JavaScopes.RUNTIME, JavaScopes.TEST, JavaScopes.SYSTEM);

    private final RepositorySystem repositorySystem;
    private final ProjectDependenciesResolver dependenciesResolver;
    private final LifecycleExecutor lifecycleExecutor;

    @Inject // rules and goals get it injected (JSR-330: created by Maven's Sisu container)
    public BuildClosure(RepositorySystem repositorySystem, ProjectDependenciesResolver dependenciesResolver,
            LifecycleExecutor lifecycleExecutor) {
        this.repositorySystem = repositorySystem;
        this.dependenciesResolver = dependenciesResolver;
        this.lifecycleExecutor = lifecycleExecutor;
    }

    /**
     * The project's dependencies of the given scopes, resolved (their files in the local repository). Dependencies
     * on modules of this reactor are reported with {@code reactor=true} and the file the reactor has for them (which
     * may be none yet, early in a build): they are never fetched from a repository.
     */
    /**
     * Everything a module's build uses, in one list: its dependencies of every scope, the build plugins of the
     * execution plan for {@code tasks} with their dependencies, and its build extensions with theirs (what
     * {@code seal} and {@code propose} cover). Reactor modules are marked, not left out.
     */
    public List<ResolvedArtifact> whole(MavenSession session, MavenProject project, List<String> tasks)
            throws ClosureException {
        List<ResolvedArtifact> all = new ArrayList<>(dependencies(session, project, ALL_SCOPES));
        all.addAll(plugins(session, project, tasks));
        all.addAll(extensions(session, project));
        return all;
    }

    public List<ResolvedArtifact> dependencies(MavenSession session, MavenProject project, Collection<String> scopes)
            throws ClosureException {
        return memo(session, project, "dependencies|" + new java.util.TreeSet<>(scopes),
                () -> resolveDependencies(session, project, scopes));
    }

    /**
     * What this build already collected for the same module and question (the rules of one module, record, seal and
     * propose ask the same: each used to resolve the plan's plugins again), kept in the repository session's data,
     * so for this build only. A failure is not kept: the next caller asks again and fails the same way.
     */
    private static List<ResolvedArtifact> memo(MavenSession session, MavenProject project, String question,
            ClosureSupplier supplier) throws ClosureException {
        if (session.getRepositorySession() == null) {
            return supplier.get();
        }
        @SuppressWarnings("unchecked")
        java.util.Map<Object, List<ResolvedArtifact>> cache = (java.util.Map<Object, List<ResolvedArtifact>>) session
                .getRepositorySession().getData().computeIfAbsent(MEMO, java.util.concurrent.ConcurrentHashMap::new);
        List<Object> key = List.of(project.getId(), question); // a module's id is unique in a reactor
        List<ResolvedArtifact> known = cache.get(key);
        if (known != null) {
            return known;
        }
        List<ResolvedArtifact> fresh = List.copyOf(supplier.get());
        cache.putIfAbsent(key, fresh);
        return fresh;
    }

    /**
     * The key of the memo in the session's data: this class object, not its name. The enforcer plugin's realm and
     * Airlock's plugin realm each load their own copy of this class (and of {@link ResolvedArtifact}); keyed by name,
     * one realm would be handed the other's objects (a ClassCastException between two classes of the same name).
     */
    private static final Object MEMO = BuildClosure.class;

    @FunctionalInterface
    private interface ClosureSupplier {
        List<ResolvedArtifact> get() throws ClosureException;
    }

    private List<ResolvedArtifact> resolveDependencies(MavenSession session, MavenProject project,
            Collection<String> scopes) throws ClosureException {
        Set<String> reactor = reactorKeys(session);
        Set<String> wanted = new LinkedHashSet<>(scopes);
        DependencyFilter inScope = (node, parents) -> node.getDependency() == null
                || wanted.contains(node.getDependency().getScope());
        DependencyFilter notReactor = (node, parents) -> node.getArtifact() == null
                || !reactor.contains(key(node.getArtifact()));
        DefaultDependencyResolutionRequest request =
                new DefaultDependencyResolutionRequest(project, session.getRepositorySession());
        request.setResolutionFilter(DependencyFilterUtils.andFilter(inScope, notReactor));
        DependencyResolutionResult result;
        try {
            result = dependenciesResolver.resolve(request);
        } catch (DependencyResolutionException e) {
            throw new ClosureException("cannot resolve the dependencies of " + project.getId() + ": "
                    + rootMessage(e), e);
        }
        List<ResolvedArtifact> out = new ArrayList<>();
        String module = project.getGroupId() + ":" + project.getArtifactId();
        walk(result.getDependencyGraph(), (node, path) -> {
            Dependency d = node.getDependency();
            if (d == null || !wanted.contains(d.getScope())) {
                return;
            }
            Artifact a = node.getArtifact();
            boolean inReactor = reactor.contains(key(a));
            File file = a.getFile();
            if (inReactor && file == null) {
                file = reactorFile(session, a);
            }
            out.add(artifact(a, file, Kind.DEPENDENCY, d.getScope(), inReactor, path, module,
                    repositoryOf(node)));
        }, List.of(project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion()));
        return dedupe(out);
    }

    /**
     * The build plugins of the module's execution plan for {@code tasks} (phases and goals, as on the command
     * line), each with its dependencies as Maven would load them (runtime scope, the POM's plugin-level
     * {@code <dependencies>} included).
     */
    public List<ResolvedArtifact> plugins(MavenSession session, MavenProject project, List<String> tasks)
            throws ClosureException {
        return memo(session, project, "plugins|" + tasks, () -> resolvePlugins(session, project, tasks));
    }

    private List<ResolvedArtifact> resolvePlugins(MavenSession session, MavenProject project, List<String> tasks)
            throws ClosureException {
        MavenExecutionPlan plan;
        MavenProject current = session.getCurrentProject();
        try {
            session.setCurrentProject(project);
            plan = lifecycleExecutor.calculateExecutionPlan(session, tasks.toArray(new String[0]));
        } catch (Exception e) {
            throw new ClosureException("cannot compute the execution plan of " + project.getId() + " for "
                    + String.join(" ", tasks) + ": " + rootMessage(e), e);
        } finally {
            session.setCurrentProject(current);
        }
        Map<String, Plugin> plugins = new LinkedHashMap<>();
        for (MojoExecution me : plan.getMojoExecutions()) {
            Plugin p = me.getPlugin();
            plugins.putIfAbsent(p.getGroupId() + ":" + p.getArtifactId() + ":" + p.getVersion(), p);
        }
        // collecting a plugin's dependencies is mostly reading and building POMs, one plugin after the other in
        // Maven's thread: on a few threads instead (the resolver and its session are thread-safe, as Maven -T needs),
        // the results in the plan's order and the first failure in that order thrown (docs/benchmark.md)
        List<ResolvedArtifact> out = new ArrayList<>();
        for (List<ResolvedArtifact> part : InParallel.map("airlock-closure", new ArrayList<>(plugins.values()),
                ClosureException.class, p -> resolveTool(session, project, Kind.PLUGIN, p.getGroupId(),
                        p.getArtifactId(), p.getVersion(), p.getDependencies()))) {
            out.addAll(part);
        }
        return dedupe(out);
    }


    /** The module's build extensions ({@code <build><extensions>}), each with its dependencies. */
    public List<ResolvedArtifact> extensions(MavenSession session, MavenProject project) throws ClosureException {
        return memo(session, project, "extensions", () -> resolveExtensions(session, project));
    }

    private List<ResolvedArtifact> resolveExtensions(MavenSession session, MavenProject project)
            throws ClosureException {
        List<ResolvedArtifact> out = new ArrayList<>();
        for (Extension e : project.getBuildExtensions()) {
            out.addAll(resolveTool(session, project, Kind.EXTENSION, e.getGroupId(), e.getArtifactId(),
                    e.getVersion(), List.of()));
        }
        return dedupe(out);
    }

    /**
     * Resolves a plugin or build extension with its dependencies as Maven does for its class realm
     * ({@code DefaultPluginDependenciesResolver}, {@code DefaultMavenPluginManager}, {@code DefaultClassRealmManager};
     * {@link PluginResolution}): the plugin-level {@code <dependencies>} in runtime scope (system stays system),
     * collected with the session's selector and, on Maven 3, its {@code WagonExcluder}; {@code provided} and
     * {@code test} left out, and for a plugin what the project's build extensions export. What Maven resolves is
     * resolved here (so the extension sees it, and {@code record} puts it into the lock: a later build that runs the
     * plugin resolves it too); what Maven never even collects is never fetched. The artifacts the core exports are
     * resolved by Maven but never loaded into the realm: they are left out of the list returned (the rules do not
     * judge them, the recorded SBOM does not list them); their own dependencies stay, as in the realm.
     */
    private List<ResolvedArtifact> resolveTool(MavenSession session, MavenProject project, Kind kind, String groupId,
            String artifactId, String version, List<org.apache.maven.model.Dependency> extra) throws ClosureException {
        RepositorySystemSession repo = session.getRepositorySession();
        ArtifactTypeRegistry types = repo.getArtifactTypeRegistry();
        CollectRequest collect = new CollectRequest();
        collect.setRoot(new Dependency(new DefaultArtifact(groupId, artifactId, "jar", version), null));
        for (org.apache.maven.model.Dependency d : extra) {
            Dependency dep = RepositoryUtils.toDependency(d, types);
            if (!JavaScopes.SYSTEM.equals(dep.getScope())) {
                dep = dep.setScope(JavaScopes.RUNTIME);
            }
            collect.addDependency(dep);
        }
        List<RemoteRepository> repositories = project.getRemotePluginRepositories();
        collect.setRepositories(repositories);
        collect.setRequestContext(kind == Kind.PLUGIN ? "plugin" : "project");
        String id = groupId + ":" + artifactId + ":" + version;

        RepositorySystemSession collectSession = repo;
        DependencySelector wagon = PluginResolution.wagonExcluder();
        if (wagon != null) {
            org.eclipse.aether.DefaultRepositorySystemSession s = new org.eclipse.aether.DefaultRepositorySystemSession(repo);
            s.setDependencySelector(AndDependencySelector.newInstance(repo.getDependencySelector(), wagon));
            collectSession = s;
        }
        DependencyFilter filter = new ScopeDependencyFilter("provided", "test");
        if (kind == Kind.PLUGIN && project.getExtensionDependencyFilter() != null) {
            filter = AndDependencyFilter.newInstance(filter, project.getExtensionDependencyFilter());
        }
        DependencyResult result;
        try {
            DependencyNode root = repositorySystem.collectDependencies(collectSession, collect).getRoot();
            result = repositorySystem.resolveDependencies(repo, new DependencyRequest(root, filter));
        } catch (Exception e) {
            throw new ClosureException("cannot resolve " + (kind == Kind.PLUGIN ? "plugin " : "build extension ") + id
                    + " of " + project.getId() + ": " + rootMessage(e), e);
        }
        Map<Artifact, ArtifactRepository> origins = new LinkedHashMap<>();
        for (ArtifactResult r : result.getArtifactResults()) {
            origins.put(r.getArtifact(), r.getRepository());
        }
        String module = project.getGroupId() + ":" + project.getArtifactId();
        DependencyFilter inRealm = PluginResolution.notProvidedByCore(coreExports(session));
        List<ResolvedArtifact> out = new ArrayList<>();
        walk(result.getRoot(), (node, path) -> {
            Artifact a = node.getArtifact();
            if (a == null || a.getFile() == null) {
                return; // left out (provided/test, a build extension's): Maven does not resolve it either
            }
            if (!inRealm.accept(node, List.of())) {
                return; // the core's own classes are used: resolved (and locked), never loaded
            }
            ArtifactRepository origin = origins.get(a);
            out.add(artifact(a, a.getFile(), kind, null, false, path, module,
                    origin == null ? repositoryOf(node) : origin.getId()));
        }, List.of());
        return out;
    }

    private Set<String> coreExports;

    private synchronized Set<String> coreExports(MavenSession session) {
        if (coreExports == null) {
            coreExports = PluginResolution.coreExports(session);
        }
        return coreExports;
    }

    private interface Visitor {
        void visit(DependencyNode node, List<String> pathToNode);
    }

    /** Depth-first over the graph; the path handed over ends with the node's parent. Cycles are cut. */
    private static void walk(DependencyNode root, Visitor visitor, List<String> prefix) {
        Deque<String> path = new ArrayDeque<>(prefix);
        Set<DependencyNode> onPath = new java.util.HashSet<>();
        walk(root, visitor, path, onPath);
    }

    private static void walk(DependencyNode node, Visitor visitor, Deque<String> path, Set<DependencyNode> onPath) {
        if (!onPath.add(node)) {
            return;
        }
        if (node.getArtifact() != null && node.getDependency() != null) {
            visitor.visit(node, List.copyOf(path));
        }
        boolean pushed = false;
        if (node.getArtifact() != null && node.getDependency() != null) {
            Artifact a = node.getArtifact();
            path.addLast(a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getVersion());
            pushed = true;
        }
        for (DependencyNode child : node.getChildren()) {
            walk(child, visitor, path, onPath);
        }
        if (pushed) {
            path.removeLast();
        }
        onPath.remove(node);
    }

    private static ResolvedArtifact artifact(Artifact a, File file, Kind kind, String scope, boolean reactor,
            List<String> path, String module, String repositoryId) {
        Coordinates c = new Coordinates(a.getGroupId(), a.getArtifactId(), a.getExtension(), a.getClassifier(),
                a.getVersion());
        return new ResolvedArtifact(c, file == null ? null : file.toPath(), kind, scope, reactor, path, module,
                repositoryId);
    }

    /** The first occurrence of each coordinate (the nearest, as Maven mediates) wins. */
    private static List<ResolvedArtifact> dedupe(List<ResolvedArtifact> all) {
        Map<String, ResolvedArtifact> seen = new LinkedHashMap<>();
        for (ResolvedArtifact r : all) {
            seen.putIfAbsent(r.kind() + "|" + r.coordinates(), r);
        }
        return new ArrayList<>(seen.values());
    }

    private static String repositoryOf(DependencyNode node) {
        List<RemoteRepository> repos = node.getRepositories();
        return repos == null || repos.isEmpty() ? null : repos.get(0).getId();
    }

    private static Set<String> reactorKeys(MavenSession session) {
        Set<String> keys = new LinkedHashSet<>();
        for (MavenProject p : session.getProjects()) {
            keys.add(p.getGroupId() + ":" + p.getArtifactId() + ":" + p.getVersion());
        }
        return keys;
    }

    private static String key(Artifact a) {
        return a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getBaseVersion();
    }

    /** The file a reactor module has produced so far for {@code a}, or null. */
    private static File reactorFile(MavenSession session, Artifact a) {
        for (MavenProject p : session.getProjects()) {
            if (p.getGroupId().equals(a.getGroupId()) && p.getArtifactId().equals(a.getArtifactId())
                    && p.getVersion().equals(a.getBaseVersion())) {
                if ("pom".equals(a.getExtension())) {
                    return p.getFile();
                }
                if (a.getClassifier().isEmpty() && p.getArtifact() != null && p.getArtifact().getFile() != null
                        && p.getArtifact().getFile().isFile()) {
                    return p.getArtifact().getFile();
                }
                for (org.apache.maven.artifact.Artifact attached : p.getAttachedArtifacts()) {
                    if (attached.getClassifier() != null && attached.getClassifier().equals(a.getClassifier())
                            && attached.getFile() != null) {
                        return attached.getFile();
                    }
                }
            }
        }
        return null;
    }

    public static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? e.toString() : message;
    }
}
