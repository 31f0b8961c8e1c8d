# The JVM options ./cdgm starts Java with (sourced by the launcher; tested by cli's LauncherJvmOptionsTest).
# Memory (docs/benchmarks.md, "Memory: where the resident set goes"): the parallel collector with a fixed young
# generation of 32 MiB per processor (64 MiB to 1 GiB, at most a quarter of an -Xmx in CDGM_JAVA_OPTS). G1's default
# let a fit with 150-200 MiB of live heap grow its resident heap to 0.5-1 GiB; this keeps it at the live data plus the
# young generation, with the same numbers. A collector or young size in CDGM_JAVA_OPTS replaces these. JVM warnings
# go to stderr, so stdout stays the command's.
# Sets the array jvm_opts.
cdgm_jvm_options() {
    local cores young heap
    jvm_opts=(-Xlog:disable -Xlog:all=warning:stderr)
    if [[ ! " ${CDGM_JAVA_OPTS:-} " =~ -XX:[+]Use(Serial|Parallel|ParallelOld|G1|Z|Shenandoah|Epsilon|ConcMarkSweep)GC ]]; then
        jvm_opts+=(-XX:+UseParallelGC)
        if [[ ! " ${CDGM_JAVA_OPTS:-} " =~ -Xmn|NewSize= ]]; then
            # the processors this process may use; GNU nproc would report OMP_NUM_THREADS (./cdgm sets 1) instead
            cores=$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc 2>/dev/null || echo 2)
            young=$((32 * cores))
            ((young < 64)) && young=64
            ((young > 1024)) && young=1024
            # never more than a quarter of a heap limit given in CDGM_JAVA_OPTS (-Xmx200m: 50 MiB)
            if [[ " ${CDGM_JAVA_OPTS:-} " =~ -Xmx([0-9]+)([kKmMgG]?)[[:space:]] ]]; then
                heap=${BASH_REMATCH[1]}
                case "${BASH_REMATCH[2]}" in
                    k|K) heap=$((heap / 1024)) ;;
                    m|M) ;;
                    g|G) heap=$((heap * 1024)) ;;
                    *) heap=$((heap / 1048576)) ;;
                esac
                ((young > heap / 4)) && young=$((heap / 4))
                ((young < 1)) && young=1
            fi
            jvm_opts+=("-Xmn${young}m")
        fi
    fi
}
