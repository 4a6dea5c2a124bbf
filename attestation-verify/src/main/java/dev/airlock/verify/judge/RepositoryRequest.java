package dev.airlock.verify.judge;

/**
 * A request the resolver is about to send, as the repository filter sees it (before anything is resolved): the
 * repository, the configured mirror it belongs to (null when none), the groupId (empty for metadata without one), the
 * coordinates in Airlock's notation (an artifact's {@code g:a:ext[:classifier]:v}, or a metadata description) and the
 * request path the resolver would send.
 */
public record RepositoryRequest(String repositoryId, String repositoryUrl, String mirrorId, String groupId,
        String coordinates, String path) {}
