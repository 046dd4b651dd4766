package org.delegateelection;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The delegate-election workflow: Camunda 7 engine, REST API and webapps, with the election domain beside them. */
@SpringBootApplication
public class DelegateElectionApplication {

    /** Starts the application; see the README for profiles and ports. */
    public static void main(String[] args) {
        SpringApplication.run(DelegateElectionApplication.class, args);
    }
}
