package org.tusk.shmem; final class Placeholder { private Placeholder() {} }
