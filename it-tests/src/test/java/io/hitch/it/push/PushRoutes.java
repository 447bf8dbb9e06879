package io.hitch.it.push;

/** The classes of this package's test routes and beans, for deployments. */
public final class PushRoutes {

    private PushRoutes() {
    }

    /** @return the group, push and broadcast routes with their data types */
    public static Class<?>[] groupsAndPush() {
        return new Class<?>[] {GroupJoin.class, GroupJoin.Named.class, GroupLeave.class, GroupMembers.class,
            GroupNames.class, GroupSay.class, GroupSay.Say.class, GroupSay.Said.class, PushTo.class,
            PushTo.Target.class, PushTo.Pushed.class, BroadcastAll.class, BroadcastAll.Broadcast.class};
    }

    /** @return the {@code test.ask} route with its data type */
    public static Class<?>[] ask() {
        return new Class<?>[] {Ask.class, Ask.Question.class};
    }

    /** @return the lifecycle recorder and the route that reads it (no wire side effects) */
    public static Class<?>[] lifecycle() {
        return new Class<?>[] {LifecycleRecorder.class, LifecycleRecorder.Seen.class, LifecycleOf.class,
            LifecycleOf.Query.class};
    }

    /** @return every array given, as one */
    public static Class<?>[] with(Class<?>[]... groups) {
        return java.util.Arrays.stream(groups).flatMap(java.util.Arrays::stream).toArray(Class<?>[]::new);
    }
}
