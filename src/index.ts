/**
 * plugboard: dependency injection for hosts built from plugins, modules and services, on
 * InversifyJS child containers.
 *
 * @packageDocumentation
 */
// Loaded here so users never import it themselves (emitDecoratorMetadata output needs it).
import 'reflect-metadata';

export { PlugboardError, isPlugboardError } from './errors/index.js';
export type { PlugboardErrorCode, PlugboardErrorOptions, WiringProblem } from './errors/index.js';

export { createExtensionPoint } from './tokens/extension-point.js';
export type { ExtensionPoint, ExtensionPointConfig, ExtensionPointFactoryContext } from './tokens/extension-point.js';
export { createServiceRef } from './tokens/service-ref.js';
export { createServiceFactory } from './tokens/service-factory.js';
export type { ServiceFactory, ServiceFactoryConfig } from './tokens/service-factory.js';
export type {
  ServiceRef,
  AnyServiceRef,
  ServiceRefConfig,
  ServiceScope,
  ServiceMultiplicity,
  ServiceInitialization,
  ServiceInstance,
  RootServiceInstances,
  ServiceImplementation,
  ServiceInstances,
  ServiceResult,
} from './tokens/service-ref.js';
export { createServiceDecorator } from './tokens/service-decorator.js';
export type { ServiceDecorator, ServiceDecoratorConfig } from './tokens/service-decorator.js';
export { createFeatureLoader } from './tokens/feature-loader.js';
export type { FeatureLoader, FeatureLoaderConfig, LoadedFeatures } from './tokens/feature-loader.js';
export { discoverFeatures } from './discovery/discover-features.js';
export type { DiscoverFeaturesOptions } from './discovery/discover-features.js';
export { inject, optional } from './tokens/inject.js';
export type { InjectionToken, ConstructorParameterDecorator } from './tokens/inject.js';
export type { Class, MaybePromise } from './tokens/types.js';

export { Plugin, Module, Service } from './decorators/feature-decorators.js';
export type { PluginOptions, ModuleOptions, ServiceOptions, FeatureClassDecorator } from './decorators/feature-decorators.js';
export { onInit, onShutdown } from './decorators/lifecycle-decorators.js';
export type { LifecycleMethodDecorator } from './decorators/lifecycle-decorators.js';
export type { ExtensionPointProvider } from './decorators/metadata.js';

export type {
  AppDescription,
  PluginDescription,
  ModuleDescription,
  ExtensionPointDescription,
  ServiceDescription,
  ServiceDependant,
  ReplacedImplementation,
  FeatureRef,
  FeatureStatus,
} from './model/describe.js';

export { toMermaid, toDot } from './model/render/index.js';
export type { RenderOptions } from './model/render/index.js';

export { coreServices } from './services/core-services.js';
export type { RootConfigService } from './services/core-services.js';
export type { LoggerService, RootLoggerService } from './services/logger.js';
export type { LifecycleService, RootLifecycleService, LifecycleHook } from './services/lifecycle.js';
export type { PluginMetadataService, InstanceMetadataService, InstalledPlugin } from './services/metadata.js';
export type { ConfigService } from './services/config/index.js';

export { ContainerBuilder } from './app/container-builder.js';
export type { Feature, FeatureModule, CommonJsFeatureModule } from './app/container-builder.js';
export { App } from './app/app.js';
export type { StartupResult, PluginStartupResult, ModuleStartupResult, StartupStatus } from './errors/index.js';
export { runApp } from './app/run-app.js';
export type { AppState } from './app/app-state.js';
export type { ContainerBuilderOptions, BootFailurePolicy, ModuleBootFailurePolicy, StartOptions } from './app/options.js';
