"""What runs Cosmo as several replicas: configs, and the local cluster of `make cluster`."""
