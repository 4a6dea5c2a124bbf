package dev.airlock.verify.sbom;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.spdx.core.IndividualUriValue;
import org.spdx.core.InvalidSPDXAnalysisException;
import org.spdx.core.ModelRegistry;
import org.spdx.core.SpdxInvalidTypeException;
import org.spdx.core.TypedValue;
import org.spdx.storage.IModelStore;
import org.spdx.storage.PropertyDescriptor;

/**
 * Typed reads straight from an spdx-java-library {@link IModelStore}, with the conversions and type checks of the
 * model objects' getters ({@code CoreModelObject.getStringPropertyValue}, {@code getEnumPropertyValue}, the object
 * collections), but without building a model object per package, checksum and reference.
 *
 * <p>Why: in the first parse of a 3,000-package SBOM, inflating the model objects (reflection, existence checks,
 * collection wrappers, the class loading and JIT work they bring) took about a fifth of the parsing thread's profile
 * samples; reading the same values from the store made that parse 0.1-0.2 s faster (docs/sbom.md, "Measured
 * figures").
 */
final class SpdxStoreValues {
    private SpdxStoreValues() {}

    /** A string property; empty when absent; an error when it holds something else (as the model getter). */
    static Optional<String> string(IModelStore store, String uri, PropertyDescriptor p)
            throws InvalidSPDXAnalysisException {
        Optional<Object> v = store.getValue(uri, p);
        if (v.isPresent() && !(v.get() instanceof String)) {
            throw new SpdxInvalidTypeException("Property " + p + " of " + uri + " is not of type String");
        }
        return v.map(String.class::cast);
    }

    /** The URI of an individual-value property (a vocabulary entry such as a reference type), or null. */
    static String individualUri(IModelStore store, String uri, PropertyDescriptor p)
            throws InvalidSPDXAnalysisException {
        Optional<Object> v = store.getValue(uri, p);
        if (v.isEmpty()) {
            return null;
        }
        if (!(v.get() instanceof IndividualUriValue u)) {
            throw new InvalidSPDXAnalysisException("Invalid type for " + p + " of " + uri + ": "
                    + v.get().getClass());
        }
        return u.getIndividualURI();
    }

    /** An enumeration property mapped by the library's model registry, or null when absent; unknown is an error. */
    static <E extends Enum<E>> E enumValue(IModelStore store, String uri, PropertyDescriptor p, String specVersion,
            Class<E> type) throws InvalidSPDXAnalysisException {
        Optional<Object> v = store.getValue(uri, p);
        if (v.isEmpty()) {
            return null;
        }
        Object e = v.get();
        if (!(e instanceof Enum<?>)) {
            if (!(e instanceof IndividualUriValue u)) {
                throw new SpdxInvalidTypeException("Property " + p + " of " + uri
                        + " is not of type Individual Value or enum");
            }
            e = ModelRegistry.getModelRegistry().uriToEnum(u.getIndividualURI(), specVersion);
            if (e == null) {
                throw new InvalidSPDXAnalysisException("Unknown individual value for enum: " + u.getIndividualURI());
            }
        }
        if (!type.isInstance(e)) {
            throw new SpdxInvalidTypeException("Invalid type for " + p + " of " + uri + ": " + e.getClass());
        }
        return type.cast(e);
    }

    /** The objects a collection property refers to, in the store's order (the order the model collections give). */
    static List<TypedValue> objects(IModelStore store, String uri, PropertyDescriptor p)
            throws InvalidSPDXAnalysisException {
        List<TypedValue> out = new ArrayList<>();
        if (!store.exists(uri)) {
            return out;
        }
        Iterator<Object> it = store.listValues(uri, p);
        while (it.hasNext()) {
            Object o = it.next();
            if (!(o instanceof TypedValue tv)) {
                throw new SpdxInvalidTypeException("Property " + p + " of " + uri + " holds a "
                        + (o == null ? "null" : o.getClass().getSimpleName()) + ", not an SPDX object");
            }
            out.add(tv);
        }
        return out;
    }
}
