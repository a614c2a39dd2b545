package io.rdht.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.crypto.Identity;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's boundary, read from its compiled module descriptors: what users may depend on is
 * exactly the API packages, and nothing public there names a type from inside.
 */
class ModuleBoundaryTest {

    @Test
    void coreModuleExportsOnlyTheApiPackage() {
        ModuleDescriptor core = descriptorOf(DhtNode.class, "io.rdht.core");

        assertThat(exports(core)).containsExactly("io.rdht.core");
        assertThat(core.opens()).isEmpty();
        assertThat(core.packages())
                .as("the packages kept inside")
                .contains(
                        "io.rdht.core.engine",
                        "io.rdht.core.wire",
                        "io.rdht.core.routing",
                        "io.rdht.core.lookup",
                        "io.rdht.core.listen",
                        "io.rdht.core.storage",
                        "io.rdht.core.sign",
                        "io.rdht.core.state",
                        "io.rdht.core.transport",
                        "io.rdht.core.internal");
    }

    @Test
    void cryptoModuleExportsOnlyItsApiPackage() {
        ModuleDescriptor crypto = descriptorOf(Identity.class, "io.rdht.crypto");

        assertThat(exports(crypto)).containsExactly("io.rdht.crypto");
        assertThat(crypto.opens()).isEmpty();
    }

    @Test
    void coreHandsItsUsersReactorAndCryptoButNotItsImplementationLibraries() {
        ModuleDescriptor core = descriptorOf(DhtNode.class, "io.rdht.core");

        Set<String> transitive = core.requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(transitive).containsExactly("io.rdht.crypto", "org.reactivestreams", "reactor.core");
    }

    @Test
    void noPublicSignatureOfAnExportedPackageNamesAnInternalType() throws IOException {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : publicTypesOf(DhtNode.class, "io.rdht.core")) {
            leaks.addAll(internalTypesNamedBy(type));
        }
        for (Class<?> type : publicTypesOf(Identity.class, "io.rdht.crypto")) {
            leaks.addAll(internalTypesNamedBy(type));
        }
        assertThat(leaks)
                .as("public signatures naming a type users cannot reach")
                .isEmpty();
    }

    private static Set<String> exports(ModuleDescriptor module) {
        assertThat(module.exports()).as("qualified exports").allMatch(e -> !e.isQualified());
        return module.exports().stream()
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The descriptor compiled beside {@code member}, found where the class was loaded from. */
    private static ModuleDescriptor descriptorOf(Class<?> member, String module) {
        return ModuleFinder.of(location(member))
                .find(module)
                .orElseThrow(() -> new AssertionError("no module " + module + " at " + location(member)))
                .descriptor();
    }

    private static Path location(Class<?> member) {
        try {
            return Path.of(
                    member.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** Public top-level and nested types of {@code pkg}, from the class files of its directory or jar. */
    private static List<Class<?>> publicTypesOf(Class<?> member, String pkg) throws IOException {
        Path location = location(member);
        if (Files.isRegularFile(location)) {
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                return publicTypesIn(jar.getPath("/"), pkg);
            }
        }
        return publicTypesIn(location, pkg);
    }

    private static List<Class<?>> publicTypesIn(Path root, String pkg) throws IOException {
        Path dir = root.resolve(pkg.replace('.', '/'));
        assertThat(Files.isDirectory(dir))
                .as("compiled classes of " + pkg + " in " + root)
                .isTrue();
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.startsWith("package-info") || name.startsWith("module-info")) {
                    continue;
                }
                Class<?> type = load(pkg + "." + name.substring(0, name.length() - ".class".length()));
                if (isVisible(type)) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ModuleBoundaryTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** Public or protected, and so are all the types it is nested in. */
    private static boolean isVisible(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (t.isAnonymousClass() || t.isLocalClass() || t.isSynthetic()) {
                return false;
            }
            int m = t.getModifiers();
            if (!Modifier.isPublic(m) && !Modifier.isProtected(m)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> internalTypesNamedBy(Class<?> type) {
        List<Type> named = new ArrayList<>();
        if (type.getGenericSuperclass() != null) {
            named.add(type.getGenericSuperclass());
        }
        named.addAll(Arrays.asList(type.getGenericInterfaces()));
        if (type.getPermittedSubclasses() != null) {
            named.addAll(Arrays.stream(type.getPermittedSubclasses())
                    .filter(ModuleBoundaryTest::isVisible)
                    .toList());
        }
        List<String> leaks = new ArrayList<>(internal(type.getName(), named));
        for (Field f : type.getDeclaredFields()) {
            if (visible(f.getModifiers())) {
                leaks.addAll(internal(type.getName() + "." + f.getName(), List.of(f.getGenericType())));
            }
        }
        List<Executable> members = new ArrayList<>(Arrays.asList(type.getDeclaredMethods()));
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            members.add(c);
        }
        for (Executable e : members) {
            if (!visible(e.getModifiers()) || e.isSynthetic()) {
                continue;
            }
            List<Type> signature = new ArrayList<>(Arrays.asList(e.getGenericParameterTypes()));
            signature.addAll(Arrays.asList(e.getGenericExceptionTypes()));
            if (e instanceof Method m) {
                signature.add(m.getGenericReturnType());
            }
            leaks.addAll(internal(type.getName() + "." + e.getName(), signature));
        }
        return leaks;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static List<String> internal(String where, List<Type> types) {
        List<String> found = new ArrayList<>();
        for (Type t : types) {
            collect(t, found, 0);
        }
        return found.stream().map(n -> where + " names " + n).toList();
    }

    private static void collect(Type t, List<String> found, int depth) {
        if (depth > 8) {
            return;
        }
        switch (t) {
            case Class<?> c when c.isArray() -> collect(c.getComponentType(), found, depth + 1);
            case Class<?> c -> {
                String pkg = c.getPackageName();
                if (pkg.startsWith("io.rdht.") && !pkg.equals("io.rdht.core") && !pkg.equals("io.rdht.crypto")) {
                    found.add(c.getName());
                }
            }
            case ParameterizedType p -> {
                collect(p.getRawType(), found, depth + 1);
                for (Type a : p.getActualTypeArguments()) {
                    collect(a, found, depth + 1);
                }
            }
            case GenericArrayType g -> collect(g.getGenericComponentType(), found, depth + 1);
            case WildcardType w -> {
                for (Type b : w.getUpperBounds()) {
                    collect(b, found, depth + 1);
                }
                for (Type b : w.getLowerBounds()) {
                    collect(b, found, depth + 1);
                }
            }
            case TypeVariable<?> v -> {
                for (Type b : v.getBounds()) {
                    collect(b, found, depth + 1);
                }
            }
            default -> throw new AssertionError("unexpected type " + t);
        }
    }
}
